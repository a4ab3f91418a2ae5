using System;
using System.Collections.Generic;
using System.IO;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>The masker made from the stored credentials. Some tests set the master key variable.</summary>
[Collection(MasterKeyEnvironmentCollection.Name)]
public sealed class StoredSecretMaskerTests : IDisposable
{
    private readonly TestStore _test = new();
    private readonly string? _saved = Environment.GetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, _saved);
        _test.Dispose();
    }

    private string KeyFile => Path.Combine(_test.Folder, MasterKeyProvider.KeyFileName);

    [Fact]
    public void MasksTheCredentialValuesOfEveryConfiguration()
    {
        _test.ConfigureExample(apiKey: "example-key-123");
        var plugin = _test.Add(new SecretLeakingPlugin(SecretLeakingPlugin.Leak.Log));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = "other-key-456" });

        var masker = StoredSecretMasker.Create(_test.Store, out var unreadable);

        Assert.Empty(unreadable);
        var masked = masker.Apply("keys example-key-123 and other-key-456");
        Assert.Equal($"keys {SecretMasker.Mask} and {SecretMasker.Mask}", masked);
    }

    [Fact]
    public void NamesACredentialWithoutAKeyAndCreatesNoKeyFile()
    {
        _test.ConfigureExample(apiKey: "example-key-123");
        File.Delete(KeyFile);
        using var reopened = SyncStore.Open(_test.Folder);

        var masker = StoredSecretMasker.Create(reopened, out var unreadable);

        Assert.Equal(new[] { "example/api_key" }, unreadable);
        Assert.False(File.Exists(KeyFile));
        Assert.Equal("example-key-123", masker.Apply("example-key-123"));
    }

    [Fact]
    public void NamesACredentialThatAnotherKeyCannotDecrypt()
    {
        _test.ConfigureExample(apiKey: "example-key-123");
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, MasterKeyProvider.NewEncodedKey());
        using var reopened = SyncStore.Open(_test.Folder);

        StoredSecretMasker.Create(reopened, out var unreadable);

        Assert.Equal(new[] { "example/api_key" }, unreadable);
    }
}
