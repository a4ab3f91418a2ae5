using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// Tests that set the master key variable, or read the key file while it must be unset. The variable is
/// process-wide, so these tests run on their own, after the tests that run in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MasterKeyEnvironmentCollection
{
    public const string Name = "Master key environment";
}
