using System;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Ends a run of the <c>rest</c> plugin with a message an operator can act on. It never leaves the plugin: the
/// plugin turns it into a failed outcome, so the operator sees the message and no stack trace.
/// </summary>
internal sealed class RestRunException : Exception
{
    public RestRunException(string message, bool retryable = true)
        : base(message)
    {
        Retryable = retryable;
    }

    /// <summary>Whether trying again could help: false for a refused credential or a wrong setting.</summary>
    public bool Retryable { get; }
}
