namespace PluginSync;

/// <summary>The outcome of one check of a plugin's configuration.</summary>
public sealed class PluginCheckResult
{
    /// <summary>Records one check.</summary>
    /// <param name="check">What was checked, in a few words, for example "Source reachable".</param>
    /// <param name="passed">Whether the check passed.</param>
    /// <param name="message">What was found; on failure, what to do about it.</param>
    public PluginCheckResult(string check, bool passed, string message)
    {
        Check = check;
        Passed = passed;
        Message = message;
    }

    /// <summary>The plugin the check is about; filled in by the engine.</summary>
    public string PluginName { get; set; } = "";

    /// <summary>What was checked.</summary>
    public string Check { get; }

    /// <summary>Whether the check passed.</summary>
    public bool Passed { get; }

    /// <summary>What was found; on failure, what to do about it.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Check}: {(Passed ? "passed" : "failed")}";
}
