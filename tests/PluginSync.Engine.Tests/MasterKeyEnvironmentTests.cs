using System;
using System.IO;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>The master key taken from the environment. Each test restores the variable it set.</summary>
[Collection(MasterKeyEnvironmentCollection.Name)]
public sealed class MasterKeyEnvironmentTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string? _saved = Environment.GetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, _saved);
        _temp.Dispose();
    }

    [Fact]
    public void UsesTheKeyFromTheEnvironmentAndWritesNoKeyFile()
    {
        var encoded = MasterKeyProvider.NewEncodedKey();
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, encoded);

        var key = MasterKeyProvider.GetKey(_temp.Path);

        Assert.Equal(Convert.FromBase64String(encoded), key);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void TheEnvironmentKeyWinsOverAKeyFile()
    {
        var fromFile = MasterKeyProvider.GetKey(_temp.Path);
        var encoded = MasterKeyProvider.NewEncodedKey();
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, encoded);

        var key = MasterKeyProvider.GetKey(_temp.Path);

        Assert.Equal(Convert.FromBase64String(encoded), key);
        Assert.NotEqual(fromFile, key);
    }

    [Theory]
    [InlineData("not-base64-PLANTED-s3cr3t")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void RefusesAnUnusableEnvironmentKeyWithoutQuotingIt(string value)
    {
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, value);

        var error = Assert.Throws<PluginSyncException>(() => MasterKeyProvider.GetKey(_temp.Path));

        Assert.Equal("MasterKeyInvalid", error.ErrorId);
        Assert.Contains(MasterKeyProvider.EnvironmentVariable, error.Message);
        Assert.DoesNotContain(value, error.Message);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void AnotherKeyFromTheEnvironmentIsRefusedBeforeItEncryptsAnything()
    {
        using (var test = new TestStore())
        {
            test.ConfigureExample(apiKey: "stored-with-the-key-file");
            var otherKey = MasterKeyProvider.NewEncodedKey();
            Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, otherKey);
            using var reopened = Storage.SyncStore.Open(test.Folder);
            var service = new Configuration.ConfigurationService(reopened, test.Registry);
            var before = reopened.Configurations.Find("example")!;

            var update = TestStore.Update(credentials: new System.Collections.Generic.Dictionary<string, string?>
            {
                ["api_key"] = "new-value",
            });
            var error = Assert.Throws<PluginSyncException>(() => service.Set("example", update));

            Assert.Equal("MasterKeyMismatch", error.ErrorId);
            Assert.Contains(MasterKeyProvider.EnvironmentVariable, error.Message);
            Assert.Equal(before.Modified, reopened.Configurations.Find("example")!.Modified);
        }
    }
}
