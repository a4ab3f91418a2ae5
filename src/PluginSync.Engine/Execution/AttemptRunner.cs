using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace PluginSync.Engine.Execution;

/// <summary>
/// Runs the attempts of one run: the plugin under a token that fires on Ctrl+C or when the run's timeout passes,
/// retried with exponential backoff and jitter (Polly) while it fails with an execution error.
/// Configuration errors never reach here, so they are never retried.
/// </summary>
internal sealed class AttemptRunner
{
    /// <summary>How long a plugin may take to stop after its token fires before the run stops waiting for it.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    public async Task<AttemptResult> RunAsync(
        PreparedRun run,
        long historyId,
        string? previousState,
        Action onAttempt,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource();
        if (run.Policy.TimeoutSeconds is { } seconds)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AttemptResult? last = null;
        try
        {
            last = await BuildPipeline(run, linked.Token).ExecuteAsync(
                async token =>
                {
                    onAttempt();
                    last = await RunOnceAsync(run, historyId, previousState, token).ConfigureAwait(false);
                    return last;
                },
                linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Stopped while waiting to retry; the last attempt's counters stay.
        }

        last ??= new AttemptResult(run.NewContext(historyId, previousState), SyncErrorType.Cancelled, null, null);
        if (!linked.IsCancellationRequested)
        {
            return last;
        }

        return cancellationToken.IsCancellationRequested
            ? Stopped(last, SyncErrorType.Cancelled, $"The run of '{run.Plugin.Name}' was cancelled.")
            : Stopped(last, SyncErrorType.TimedOut,
                $"The run of '{run.Plugin.Name}' timed out after {run.Policy.TimeoutSeconds} s.");
    }

    private static AttemptResult Stopped(AttemptResult last, SyncErrorType errorType, string message)
    {
        // What the last attempt said is kept: a run stopped while waiting to retry failed for that reason first.
        var detail = last.ErrorType switch
        {
            SyncErrorType.Cancelled when last.Error is not null => " " + last.Error,
            SyncErrorType.ExecutionError when last.Error is not null => $" The last attempt failed: {last.Error}",
            _ => "",
        };
        return new AttemptResult(last.Context, errorType, message + detail, null);
    }

    private static ResiliencePipeline<AttemptResult> BuildPipeline(PreparedRun run, CancellationToken stopping)
    {
        var builder = new ResiliencePipelineBuilder<AttemptResult>();
        if (run.Policy.MaxAttempts <= 1)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<AttemptResult>
        {
            MaxRetryAttempts = run.Policy.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(run.Policy.RetryDelaySeconds),
            ShouldHandle = args => new ValueTask<bool>(
                !stopping.IsCancellationRequested &&
                args.Outcome.Result?.ErrorType == SyncErrorType.ExecutionError &&
                args.Outcome.Result.Outcome?.Retryable != false),
            OnRetry = args =>
            {
                var error = run.Masker.Apply(args.Outcome.Result?.Error);
                run.Sink.Log(run.Plugin.Name, SyncLogLevel.Warning,
                    $"Attempt {args.AttemptNumber + 1} of {run.Policy.MaxAttempts} failed: {error} " +
                    $"Retrying in {args.RetryDelay.TotalSeconds:0.0} s.");
                return default;
            },
        }).Build();
    }

    private static async ValueTask<AttemptResult> RunOnceAsync(
        PreparedRun run, long historyId, string? previousState, CancellationToken token)
    {
        var context = run.NewContext(historyId, previousState);

        // Task.Run keeps a plugin that blocks before its first await off the caller's thread.
        var sync = Task.Run(() => run.Plugin.SyncAsync(context, token));
        var stopRequested = Task.Delay(Timeout.Infinite, token);
        if (await Task.WhenAny(sync, stopRequested).ConfigureAwait(false) != sync)
        {
            await Task.WhenAny(sync, Task.Delay(StopGrace)).ConfigureAwait(false);
            if (!sync.IsCompleted)
            {
                // Limitation: a plugin that ignores its token keeps running on a pool thread until it returns or
                // the process ends; the run is closed without it, so the command never hangs on it.
                _ = sync.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                var message = $"The plugin did not stop within {StopGrace.TotalSeconds:0} s of being asked to " +
                              "and was " +
                              "left running in the background of this process.";
                return new AttemptResult(context, SyncErrorType.Cancelled, message, null);
            }
        }

        try
        {
            var outcome = await sync.ConfigureAwait(false);
            if (outcome is null)
            {
                return new AttemptResult(context, SyncErrorType.ExecutionError,
                    $"Plugin '{run.Plugin.Name}' returned no outcome.", null);
            }

            return outcome.Success
                ? new AttemptResult(context, SyncErrorType.None, null, outcome)
                : new AttemptResult(context, SyncErrorType.ExecutionError,
                    outcome.Message ?? $"Plugin '{run.Plugin.Name}' reported failure.", outcome);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new AttemptResult(context, SyncErrorType.Cancelled, null, null);
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;

            // The message is the run's error; where it came from (type and stack) is for the author, in -Verbose.
            run.Sink.Log(run.Plugin.Name, SyncLogLevel.Verbose,
                run.Masker.Apply($"The plugin threw {inner.GetType().FullName}: {inner}") ?? "");
            return new AttemptResult(context, SyncErrorType.ExecutionError, inner.Message, null);
        }
    }
}
