using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class PluginNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("hr-export")]
    [InlineData("saas_api.v2")]
    [InlineData("A1-b_2.c")]
    public void AcceptsValidNames(string name)
    {
        Assert.True(PluginName.IsValid(name));
        Assert.Equal(name, PluginName.Validate(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-dash")]
    [InlineData("_underscore")]
    [InlineData(".dot")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("back\\slash")]
    [InlineData("star*")]
    [InlineData("ünïcode")]
    [InlineData("trailing\n")]
    public void RefusesInvalidNames(string name)
    {
        Assert.False(PluginName.IsValid(name));
    }

    [Fact]
    public void AcceptsSixtyFourCharactersAndRefusesSixtyFive()
    {
        Assert.True(PluginName.IsValid(new string('a', 64)));
        Assert.False(PluginName.IsValid(new string('a', 65)));
    }

    [Fact]
    public void RefusesNull()
    {
        Assert.False(PluginName.IsValid(null));
        var error = Assert.Throws<PluginSyncException>(() => PluginName.Validate(null));
        Assert.Contains("(null)", error.Message);
    }

    [Fact]
    public void TheErrorQuotesTheNameAndTheRule()
    {
        var error = Assert.Throws<PluginSyncException>(() => PluginName.Validate("bad name"));

        Assert.Equal("InvalidPluginName", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("bad name", error.Target);
        Assert.Contains("'bad name'", error.Message);
        Assert.Contains(PluginName.Rule, error.Message);
    }

    [Fact]
    public void TheKeyIgnoresCase()
    {
        Assert.Equal(PluginName.Key("HR-Export"), PluginName.Key("hr-export"));
    }
}
