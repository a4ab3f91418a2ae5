using System.Threading;
using System.Threading.Tasks;

namespace PluginSync;

/// <summary>
/// Optional for a plugin: a check that it can reach its source (and destination) without running a sync.
/// <c>Test-PluginConfiguration</c> calls it after the engine's own checks have passed.
/// </summary>
public interface ISyncPluginCheck
{
    /// <summary>Checks the plugin's connection with the configuration in <paramref name="context"/>.</summary>
    /// <param name="context">The same credentials and settings a run would get; counters and state are unused.</param>
    /// <param name="cancellationToken">Fires when the check is cancelled or times out.</param>
    /// <returns>One result per thing checked, for example "source reachable".</returns>
    Task<PluginCheckResult[]> CheckAsync(ISyncContext context, CancellationToken cancellationToken);
}
