using PluginSync.Engine.Secrets;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class SecretMaskerTests
{
    [Fact]
    public void MasksEveryOccurrenceOfEverySecret()
    {
        var masker = new SecretMasker(new[] { "alpha", "beta" });

        var masked = masker.Apply("alpha and beta, then alpha again");

        Assert.Equal($"{SecretMasker.Mask} and {SecretMasker.Mask}, then {SecretMasker.Mask} again", masked);
    }

    [Fact]
    public void MasksTheLongerSecretFirstSoNoPartOfItIsLeft()
    {
        var masker = new SecretMasker(new[] { "abc", "abcdef" });

        Assert.Equal($"[{SecretMasker.Mask}]", masker.Apply("[abcdef]"));
    }

    [Fact]
    public void IgnoresEmptyAndNullSecrets()
    {
        var masker = new SecretMasker(new[] { "", null, "x1" });

        Assert.Equal($"a {SecretMasker.Mask} b", masker.Apply("a x1 b"));
    }

    [Fact]
    public void LeavesNullAndEmptyTextAsItIs()
    {
        var masker = new SecretMasker(new[] { "secret" });

        Assert.Null(masker.Apply(null));
        Assert.Equal("", masker.Apply(""));
    }

    [Fact]
    public void TheNoneMaskerChangesNothing()
    {
        Assert.Equal("secret text", SecretMasker.None.Apply("secret text"));
    }

    [Fact]
    public void MatchesSecretsByExactCase()
    {
        var masker = new SecretMasker(new[] { "Secret" });

        Assert.Equal($"{SecretMasker.Mask} secret", masker.Apply("Secret secret"));
    }
}
