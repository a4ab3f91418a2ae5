using System;
using System.IO;
using System.Text;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// The key file beside the store. The master key variable would hide the key file, so these tests clear it
/// while they run and restore it after, in the collection that runs on its own.
/// </summary>
[Collection(MasterKeyEnvironmentCollection.Name)]
public sealed class MasterKeyProviderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string? _saved = Environment.GetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable);

    public MasterKeyProviderTests() =>
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable, _saved);
        _temp.Dispose();
    }

    private string KeyFile => _temp.Combine(MasterKeyProvider.KeyFileName);

    [Fact]
    public void CreatesAKeyFileOfTheRightLengthOnFirstUse()
    {
        var key = MasterKeyProvider.GetKey(_temp.Path);

        Assert.Equal(MasterKeyProvider.KeyLength, key.Length);
        Assert.True(File.Exists(KeyFile));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void CreatesTheKeyFileReadableByItsOwnerOnly()
    {
        MasterKeyProvider.GetKey(_temp.Path);

        if (!OperatingSystem.IsWindows())
        {
            var ownerOnly = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(KeyFile));
        }
    }

    [Fact]
    public void ReusesTheKeyFileOnTheSecondCall()
    {
        var first = MasterKeyProvider.GetKey(_temp.Path);
        var bytes = File.ReadAllBytes(KeyFile);

        var second = MasterKeyProvider.GetKey(_temp.Path);

        Assert.Equal(first, second);
        Assert.Equal(bytes, File.ReadAllBytes(KeyFile));
    }

    [Fact]
    public void DifferentFoldersGetDifferentKeys()
    {
        var other = _temp.Combine("other");
        Directory.CreateDirectory(other);

        Assert.NotEqual(MasterKeyProvider.GetKey(_temp.Path), MasterKeyProvider.GetKey(other));
    }

    [Fact]
    public void ReadsAKeyFileWrittenInThePlainFormat()
    {
        var encoded = MasterKeyProvider.NewEncodedKey();
        File.WriteAllText(KeyFile, "plain1:" + encoded + "\n");

        Assert.Equal(Convert.FromBase64String(encoded), MasterKeyProvider.GetKey(_temp.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("plain1:")]
    [InlineData("plain1:not base64!")]
    [InlineData("plain1:AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("plain2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void ReportsADamagedKeyFileByItsPathAndLeavesItUntouched(string content)
    {
        var bytes = Encoding.ASCII.GetBytes(content);
        File.WriteAllBytes(KeyFile, bytes);

        var error = Assert.Throws<PluginSyncException>(() => MasterKeyProvider.GetKey(_temp.Path));

        Assert.Equal("MasterKeyFileCorrupt", error.ErrorId);
        Assert.Contains(KeyFile, error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(KeyFile));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void ReportsAKeyFileOfRandomBytesByItsPathAndLeavesItUntouched()
    {
        var bytes = new byte[64];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(KeyFile, bytes);

        var error = Assert.Throws<PluginSyncException>(() => MasterKeyProvider.GetKey(_temp.Path));

        Assert.Equal("MasterKeyFileCorrupt", error.ErrorId);
        Assert.Contains(KeyFile, error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(KeyFile));
    }

    [Fact]
    public void ReportsAKeyFileProtectedForAnotherUserOrSystemAsDamaged()
    {
        // What a key file copied from another Windows account or machine looks like: DPAPI data it cannot open.
        var content = "dpapi1:" + Convert.ToBase64String(new byte[178]);
        File.WriteAllText(KeyFile, content);

        var error = Assert.Throws<PluginSyncException>(() => MasterKeyProvider.GetKey(_temp.Path));

        Assert.Equal("MasterKeyFileCorrupt", error.ErrorId);
        Assert.Contains(KeyFile, error.Message);
        Assert.Equal(content, File.ReadAllText(KeyFile));
    }

    [Fact]
    public void NewEncodedKeyIsThirtyTwoRandomBytesInBase64()
    {
        var first = MasterKeyProvider.NewEncodedKey();
        var second = MasterKeyProvider.NewEncodedKey();

        Assert.Equal(MasterKeyProvider.KeyLength, Convert.FromBase64String(first).Length);
        Assert.NotEqual(first, second);
    }
}
