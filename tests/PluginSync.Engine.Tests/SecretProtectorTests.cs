using System;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Secrets;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class SecretProtectorTests
{
    private const string Context = "example/api_key";

    private readonly SecretProtector _protector = new(NewKey());

    [Theory]
    [InlineData("s")]
    [InlineData("a longer secret value with spaces and symbols !@#$%^&*()")]
    [InlineData("exactly16bytes!!")]
    [InlineData("ünïcødé sécret ✓")]
    public void RoundTripsAValue(string value)
    {
        var protectedValue = _protector.Protect(value, Context);

        Assert.Equal(value, _protector.Unprotect(protectedValue, Context));
    }

    [Fact]
    public void ProtectedTextDoesNotHoldTheValue()
    {
        var protectedValue = _protector.Protect("PLANTED-s3cr3t-7f1e", Context);

        Assert.DoesNotContain("PLANTED", protectedValue);
        Assert.DoesNotContain("PLANTED", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(protectedValue)));
    }

    [Fact]
    public void ProtectingTheSameValueTwiceGivesDifferentText()
    {
        Assert.NotEqual(_protector.Protect("value", Context), _protector.Protect("value", Context));
    }

    [Fact]
    public void ChangingAnyByteMakesUnprotectFail()
    {
        var blob = Convert.FromBase64String(_protector.Protect("a value worth protecting", Context));

        for (var i = 0; i < blob.Length; i++)
        {
            var tampered = (byte[])blob.Clone();
            tampered[i] ^= 0x01;

            var error = Assert.Throws<PluginSyncException>(
                () => _protector.Unprotect(Convert.ToBase64String(tampered), Context));
            Assert.Equal("CredentialDecryptionFailed", error.ErrorId);
            Assert.Equal(PluginSyncErrorKind.SecurityError, error.Kind);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(32)]
    public void ATruncatedValueFails(int removed)
    {
        var blob = Convert.FromBase64String(_protector.Protect("a value worth protecting", Context));
        var truncated = blob.AsSpan(0, blob.Length - removed).ToArray();

        var error = Assert.Throws<PluginSyncException>(
            () => _protector.Unprotect(Convert.ToBase64String(truncated), Context));
        Assert.Equal("CredentialDecryptionFailed", error.ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void TextThatWasNeverProtectedFails(string text)
    {
        var error = Assert.Throws<PluginSyncException>(() => _protector.Unprotect(text, Context));

        Assert.Equal("CredentialDecryptionFailed", error.ErrorId);
    }

    [Fact]
    public void AValueProtectedUnderOneContextFailsUnderAnother()
    {
        var protectedValue = _protector.Protect("value", "example/api_key");

        var error = Assert.Throws<PluginSyncException>(() => _protector.Unprotect(protectedValue, "other/api_key"));

        Assert.Equal("CredentialDecryptionFailed", error.ErrorId);
        Assert.Contains("other/api_key", error.Message);
    }

    [Fact]
    public void AValueProtectedWithOneMasterKeyFailsWithAnother()
    {
        var protectedValue = _protector.Protect("value", Context);
        var other = new SecretProtector(NewKey());

        var error = Assert.Throws<PluginSyncException>(() => other.Unprotect(protectedValue, Context));

        Assert.Equal("CredentialDecryptionFailed", error.ErrorId);
    }

    [Fact]
    public void TheSameMasterKeyInAnotherProtectorDecrypts()
    {
        var key = NewKey();
        var protectedValue = new SecretProtector(key).Protect("value", Context);

        Assert.Equal("value", new SecretProtector((byte[])key.Clone()).Unprotect(protectedValue, Context));
    }

    [Fact]
    public void TheDecryptionErrorDoesNotQuoteTheValue()
    {
        var protectedValue = _protector.Protect("PLANTED-s3cr3t-7f1e", Context);

        var error = Assert.Throws<PluginSyncException>(() => _protector.Unprotect(protectedValue, "other/key"));

        Assert.DoesNotContain("PLANTED", error.Message);
        Assert.DoesNotContain(protectedValue, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void RefusesAMasterKeyOfTheWrongLength(int length)
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector(new byte[length]));
    }

    [Fact]
    public void FixedTimeEqualsIsTrueForEqualArrays()
    {
        Assert.True(SecretProtector.FixedTimeEquals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.True(SecretProtector.FixedTimeEquals(Array.Empty<byte>(), Array.Empty<byte>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(31)]
    public void FixedTimeEqualsIsFalseWhenOneByteDiffers(int position)
    {
        var left = new byte[32];
        var right = new byte[32];
        right[position] = 0x80;

        Assert.False(SecretProtector.FixedTimeEquals(left, right));
        Assert.False(SecretProtector.FixedTimeEquals(right, left));
    }

    [Fact]
    public void FixedTimeEqualsIsFalseForDifferentLengths()
    {
        Assert.False(SecretProtector.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 2, 0 }));
        Assert.False(SecretProtector.FixedTimeEquals(Array.Empty<byte>(), new byte[] { 0 }));
    }

    private static byte[] NewKey() => Convert.FromBase64String(MasterKeyProvider.NewEncodedKey());
}
