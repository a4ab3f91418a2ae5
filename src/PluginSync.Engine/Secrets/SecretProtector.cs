using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Secrets;

/// <summary>
/// Authenticated encryption of credential values: AES-256-CBC, then HMAC-SHA256 over the version, the context,
/// the IV and the ciphertext (encrypt-then-MAC). Both keys are derived from the master key. The context binds a
/// ciphertext to its plugin and key name, so a value copied into another slot fails to verify.
/// </summary>
public sealed class SecretProtector
{
    private const byte FormatVersion = 1;
    private const int IvLength = 16;
    private const int MacLength = 32;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _macKey;

    public SecretProtector(byte[] masterKey)
    {
        if (masterKey is null || masterKey.Length != MasterKeyProvider.KeyLength)
        {
            throw new ArgumentException($"The master key must be {MasterKeyProvider.KeyLength} bytes.");
        }

        _encryptionKey = DeriveKey(masterKey, "PluginSync/v1/encryption");
        _macKey = DeriveKey(masterKey, "PluginSync/v1/authentication");
        KeyCheck = Convert.ToBase64String(DeriveKey(masterKey, "PluginSync/v1/key-check"));
    }

    /// <summary>
    /// A value derived from the master key that tells whether two keys are the same without revealing either:
    /// stored with the first credential, compared whenever the key is loaded.
    /// </summary>
    public string KeyCheck { get; }

    /// <summary>Encrypts <paramref name="plaintext"/> for the slot named by <paramref name="context"/>.</summary>
    public string Protect(string plaintext, string context)
    {
        var iv = new byte[IvLength];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(iv);
        }

        byte[] ciphertext;
        using (var aes = CreateAes())
        using (var encryptor = aes.CreateEncryptor(_encryptionKey, iv))
        {
            var plainBytes = Encoding.UTF8.GetBytes(plaintext);
            ciphertext = encryptor.TransformFinalBlock(plainBytes, 0, plainBytes.Length);
        }

        var mac = ComputeMac(context, iv, ciphertext);

        using var output = new MemoryStream();
        output.WriteByte(FormatVersion);
        output.Write(iv, 0, iv.Length);
        output.Write(ciphertext, 0, ciphertext.Length);
        output.Write(mac, 0, mac.Length);
        return Convert.ToBase64String(output.ToArray());
    }

    /// <summary>Verifies and decrypts a value made by <see cref="Protect"/> for the same context.</summary>
    public string Unprotect(string protectedValue, string context)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(protectedValue);
        }
        catch (FormatException e)
        {
            throw CannotDecrypt(context, e);
        }

        if (blob.Length < 1 + IvLength + 16 + MacLength || blob[0] != FormatVersion)
        {
            throw CannotDecrypt(context, null);
        }

        var iv = new byte[IvLength];
        var ciphertext = new byte[blob.Length - 1 - IvLength - MacLength];
        var mac = new byte[MacLength];
        Buffer.BlockCopy(blob, 1, iv, 0, IvLength);
        Buffer.BlockCopy(blob, 1 + IvLength, ciphertext, 0, ciphertext.Length);
        Buffer.BlockCopy(blob, blob.Length - MacLength, mac, 0, MacLength);

        if (!FixedTimeEquals(mac, ComputeMac(context, iv, ciphertext)))
        {
            throw CannotDecrypt(context, null);
        }

        using var aes = CreateAes();
        using var decryptor = aes.CreateDecryptor(_encryptionKey, iv);
        var plainBytes = decryptor.TransformFinalBlock(ciphertext, 0, ciphertext.Length);
        return Encoding.UTF8.GetString(plainBytes);
    }

    /// <summary>Compares two byte arrays in time that does not depend on where they differ.</summary>
    internal static bool FixedTimeEquals(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }

    private static PluginSyncException CannotDecrypt(string context, Exception? inner) => new(
        "CredentialDecryptionFailed",
        PluginSyncErrorKind.SecurityError,
        $"The stored credential '{context}' cannot be decrypted: it was changed, or it was encrypted with another " +
        $"master key. Set the credential again with Set-PluginConfiguration, or restore the key file or " +
        $"{MasterKeyProvider.EnvironmentVariable} that was in use when it was stored.",
        context,
        inner);

    private static Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.KeySize = 256;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.PKCS7;
        return aes;
    }

    private static byte[] DeriveKey(byte[] masterKey, string purpose)
    {
        using var hmac = new HMACSHA256(masterKey);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(purpose));
    }

    private byte[] ComputeMac(string context, byte[] iv, byte[] ciphertext)
    {
        var contextBytes = Encoding.UTF8.GetBytes(context);
        var length = BitConverter.GetBytes(contextBytes.Length);

        using var hmac = new HMACSHA256(_macKey);
        hmac.TransformBlock(new[] { FormatVersion }, 0, 1, null, 0);
        hmac.TransformBlock(length, 0, length.Length, null, 0);
        hmac.TransformBlock(contextBytes, 0, contextBytes.Length, null, 0);
        hmac.TransformBlock(iv, 0, iv.Length, null, 0);
        hmac.TransformFinalBlock(ciphertext, 0, ciphertext.Length);
        return hmac.Hash;
    }
}
