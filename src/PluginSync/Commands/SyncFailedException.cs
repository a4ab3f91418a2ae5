using System;
using System.Management.Automation;
using PluginSync.Engine.Execution;

namespace PluginSync.Commands;

/// <summary>The exception behind the error record a failed run writes. It carries the run's result.</summary>
public sealed class SyncFailedException : Exception
{
    public SyncFailedException(SyncResult result)
        : base($"[{result.PluginName}] {result.Error ?? $"The run failed ({result.ErrorType})."}")
    {
        Result = result;
    }

    /// <summary>The failed run's result.</summary>
    public SyncResult Result { get; }

    /// <summary>The error record for a failed result: a stable id per error type, the result as target.</summary>
    internal ErrorRecord ToErrorRecord()
    {
        var (id, category) = Result.ErrorType switch
        {
            SyncErrorType.NotFound => ("SyncPluginNotFound", ErrorCategory.ObjectNotFound),
            SyncErrorType.NotConfigured => ("SyncPluginNotConfigured", ErrorCategory.InvalidData),
            SyncErrorType.TimedOut => ("SyncTimedOut", ErrorCategory.OperationTimeout),
            SyncErrorType.Cancelled => ("SyncCancelled", ErrorCategory.OperationStopped),
            _ => ("SyncExecutionFailed", ErrorCategory.InvalidOperation),
        };
        return new ErrorRecord(this, id, category, Result);
    }
}
