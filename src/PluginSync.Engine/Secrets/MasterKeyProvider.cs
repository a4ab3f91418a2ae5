using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Secrets;

/// <summary>
/// Finds the master key that protects credentials: from <c>PLUGINSYNC_MASTER_KEY</c> when it is set, else
/// from an owner-only key file beside the store, created with a random key on first use. On Windows the key
/// file's content is also protected with DPAPI for the current user.
/// </summary>
public static class MasterKeyProvider
{
    /// <summary>The environment variable that supplies the key instead of the key file.</summary>
    public const string EnvironmentVariable = "PLUGINSYNC_MASTER_KEY";

    /// <summary>The key file's name inside the store folder.</summary>
    public const string KeyFileName = "master.key";

    /// <summary>The key length in bytes.</summary>
    public const int KeyLength = 32;

    private const string PlainPrefix = "plain1:";
    private const string DpapiPrefix = "dpapi1:";

    /// <summary>Returns the master key for the store in <paramref name="storeFolder"/>.</summary>
    public static byte[] GetKey(string storeFolder)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return ParseEnvironmentKey(fromEnvironment!);
        }

        var path = Path.Combine(storeFolder, KeyFileName);
        return File.Exists(path) ? ReadKeyFile(path) : CreateKeyFile(path);
    }

    /// <summary>The path of the key file for the store in <paramref name="storeFolder"/>.</summary>
    public static string KeyFilePath(string storeFolder) => Path.Combine(storeFolder, KeyFileName);

    /// <summary>Whether a key is there to be read: the environment variable, or an existing key file.</summary>
    public static bool HasKey(string storeFolder) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)) ||
        File.Exists(KeyFilePath(storeFolder));

    /// <summary>Where the key comes from, in words for a message.</summary>
    public static string SourceOf(string storeFolder) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable))
            ? $"the key file '{KeyFilePath(storeFolder)}'"
            : EnvironmentVariable;

    /// <summary>A new random key, base64-encoded, in the form <c>PLUGINSYNC_MASTER_KEY</c> accepts.</summary>
    public static string NewEncodedKey()
    {
        var key = new byte[KeyLength];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(key);
        return Convert.ToBase64String(key);
    }

    private static byte[] ParseEnvironmentKey(string value)
    {
        // The value is a secret: the messages below describe it, they never quote it.
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw InvalidEnvironmentKey("it is not base64 text");
        }

        return key.Length == KeyLength ? key : throw InvalidEnvironmentKey($"it decodes to {key.Length} bytes");
    }

    private static PluginSyncException InvalidEnvironmentKey(string why) => new(
        "MasterKeyInvalid",
        PluginSyncErrorKind.SecurityError,
        $"{EnvironmentVariable} is set but {why}. It must be {KeyLength} random bytes in base64, for example " +
        "the output of [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32)).",
        EnvironmentVariable);

    private static byte[] ReadKeyFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginSyncException(
                "MasterKeyUnreadable",
                PluginSyncErrorKind.ResourceUnavailable,
                $"The key file '{path}' cannot be read: {e.Message}",
                path,
                e);
        }

        try
        {
            var key = Decode(text);
            if (key.Length == KeyLength)
            {
                return key;
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException or PlatformNotSupportedException)
        {
            throw CorruptKeyFile(path, e);
        }

        throw CorruptKeyFile(path, null);
    }

    private static PluginSyncException CorruptKeyFile(string path, Exception? inner) => new(
        "MasterKeyFileCorrupt",
        PluginSyncErrorKind.InvalidData,
        $"The key file '{path}' is damaged, so stored credentials cannot be decrypted. It was left as it is. " +
        $"Restore it from a backup, or set {EnvironmentVariable} to the key.",
        path,
        inner);

    private static byte[] Decode(string text)
    {
        if (text.StartsWith(PlainPrefix, StringComparison.Ordinal))
        {
            return Convert.FromBase64String(text.Substring(PlainPrefix.Length));
        }

        if (text.StartsWith(DpapiPrefix, StringComparison.Ordinal))
        {
            var protectedKey = Convert.FromBase64String(text.Substring(DpapiPrefix.Length));
            return ProtectedData.Unprotect(protectedKey, null, DataProtectionScope.CurrentUser);
        }

        throw new FormatException("The key file has no known format prefix.");
    }

    private static byte[] CreateKeyFile(string path)
    {
        var key = Convert.FromBase64String(NewEncodedKey());
        var text = Encode(key);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";

        try
        {
            // Restrict the file before the key is written into it, so the key is never readable by others.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                UnixFileMode.Restrict(temporary, UnixFileMode.OwnerReadWrite);
                var bytes = Encoding.ASCII.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }

            File.Move(temporary, path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first; use that one so both agree.
            TryDelete(temporary);
            return ReadKeyFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new PluginSyncException(
                "MasterKeyNotWritable",
                PluginSyncErrorKind.ResourceUnavailable,
                $"The key file '{path}' cannot be created: {e.Message}",
                path,
                e);
        }
    }

    private static string Encode(byte[] key)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var protectedKey = ProtectedData.Protect(key, null, DataProtectionScope.CurrentUser);
            return DpapiPrefix + Convert.ToBase64String(protectedKey);
        }

        return PlainPrefix + Convert.ToBase64String(key);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file holds no usable key on its own; nothing more to do.
        }
    }
}
