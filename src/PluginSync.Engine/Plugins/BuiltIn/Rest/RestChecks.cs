using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>The connection checks of the <c>rest</c> plugin: the source answers, and the destination takes files.
/// </summary>
internal static class RestChecks
{
    public const string SourceCheck = "Source reachable";
    public const string DestinationCheck = "Destination writable";

    /// <summary>Runs both checks; neither writes a record file or changes state.</summary>
    public static async Task<PluginCheckResult[]> RunAsync(
        ISyncContext context, CancellationToken cancellationToken)
    {
        var source = await CheckSourceAsync(context, cancellationToken).ConfigureAwait(false);
        return new[] { source, CheckDestination(context) };
    }

    /// <summary>GETs the configured URL with the credential; passes on any 2xx status.</summary>
    private static async Task<PluginCheckResult> CheckSourceAsync(
        ISyncContext context, CancellationToken cancellationToken)
    {
        try
        {
            var options = RestOptions.Read(context);
            var client = new RestClient(options);
            var what = $"GET {options.Url.AbsoluteUri}";
            using var response = await client.SendAsync(options.Url, what, cancellationToken).ConfigureAwait(false);
            if (client.Refusal(response, what) is { } refusal)
            {
                return new PluginCheckResult(SourceCheck, false, refusal.Message);
            }

            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
            return new PluginCheckResult(SourceCheck, true, $"{what} answered {status}.");
        }
        catch (RestRunException e)
        {
            return new PluginCheckResult(SourceCheck, false, e.Message);
        }
    }

    /// <summary>
    /// Creates the destination when it is missing, writes and deletes a file in it, and removes again the folders
    /// it created, so that the check leaves the disk as it found it.
    /// </summary>
    private static PluginCheckResult CheckDestination(ISyncContext context)
    {
        string destination;
        try
        {
            destination = RestOptions.ReadDestination(context);
        }
        catch (RestRunException e)
        {
            return new PluginCheckResult(DestinationCheck, false, e.Message);
        }

        if (File.Exists(destination))
        {
            return new PluginCheckResult(
                DestinationCheck, false, $"The destination '{destination}' is a file, not a folder.");
        }

        var created = MissingFolders(destination);
        try
        {
            Directory.CreateDirectory(destination);
            var probeName = $".pluginsync-check-{Guid.NewGuid():N}{RecordFileWriter.TemporarySuffix}";
            var probe = Path.Combine(destination, probeName);
            File.WriteAllBytes(probe, Array.Empty<byte>());
            File.Delete(probe);
            var message = created.Count == 0
                ? $"Files can be written in '{destination}'."
                : $"The folder '{destination}' can be created and written; the first run creates it.";
            return new PluginCheckResult(DestinationCheck, true, message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PluginCheckResult(
                DestinationCheck, false, $"Files cannot be written in '{destination}': {e.Message}");
        }
        finally
        {
            RemoveEmpty(created);
        }
    }

    /// <summary>The folders on the way to <paramref name="folder"/> that do not exist yet, deepest first.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (var current = folder; current is not null && !Directory.Exists(current);
             current = Path.GetDirectoryName(current))
        {
            missing.Add(current);
        }

        return missing;
    }

    private static void RemoveEmpty(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not empty any more or not ours to remove: leave it.
            }
        }
    }
}
