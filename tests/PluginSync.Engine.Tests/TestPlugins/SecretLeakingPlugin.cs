using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>A careless plugin: it puts the value of its <c>api_key</c> credential where the test tells it to.</summary>
public sealed class SecretLeakingPlugin : TestPluginBase
{
    private readonly Leak _leak;

    public SecretLeakingPlugin(Leak leak, string name = "leaky")
        : base(name) => _leak = leak;

    public enum Leak
    {
        /// <summary>In a verbose and a warning log line.</summary>
        Log,

        /// <summary>In a progress status.</summary>
        Progress,

        /// <summary>In the message of a failed outcome.</summary>
        FailureMessage,

        /// <summary>In the message of a thrown exception.</summary>
        Exception,

        /// <summary>In a string value of the outcome's data.</summary>
        Data,

        /// <summary>In the note of a successful outcome.</summary>
        SuccessMessage,

        /// <summary>In a list of strings inside the outcome's data.</summary>
        DataList,
    }

    public override IReadOnlyList<PluginCredential> Credentials { get; } = new[]
    {
        new PluginCredential("api_key"),
    };

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var secret = context.Credentials["api_key"];
        var sentence = $"calling the API with key {secret} now";

        switch (_leak)
        {
            case Leak.Log:
                context.Log(SyncLogLevel.Verbose, sentence);
                context.Log(SyncLogLevel.Warning, sentence);
                return Task.FromResult(SyncOutcome.Succeeded());
            case Leak.Progress:
                context.ReportProgress(50, sentence);
                return Task.FromResult(SyncOutcome.Succeeded());
            case Leak.FailureMessage:
                return Task.FromResult(SyncOutcome.Failed(sentence));
            case Leak.Exception:
                throw new InvalidOperationException(sentence);
            case Leak.Data:
                return Task.FromResult(SyncOutcome.Succeeded(new Dictionary<string, object?> { ["Key"] = sentence }));
            case Leak.SuccessMessage:
                return Task.FromResult(SyncOutcome.Succeeded(message: sentence));
            default:
                var data = new Dictionary<string, object?> { ["Keys"] = new[] { "first", sentence } };
                return Task.FromResult(SyncOutcome.Succeeded(data));
        }
    }
}
