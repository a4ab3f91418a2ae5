namespace PluginSync.Engine.Execution;

/// <summary>How one attempt of a run ended.</summary>
internal sealed class AttemptResult
{
    public AttemptResult(SyncContext context, SyncErrorType errorType, string? error, SyncOutcome? outcome)
    {
        Context = context;
        ErrorType = errorType;
        Error = error;
        Outcome = outcome;
    }

    public SyncContext Context { get; }

    public SyncErrorType ErrorType { get; }

    public string? Error { get; }

    public SyncOutcome? Outcome { get; }
}
