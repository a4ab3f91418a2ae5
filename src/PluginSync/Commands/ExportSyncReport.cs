using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Reporting;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;

namespace PluginSync.Commands;

/// <summary>
/// Writes a self-contained HTML report of the history: a table per plugin, charts of runs and durations per day,
/// and the most recent failures. Names piped in are collected, so a pipeline writes one report.
/// </summary>
[Cmdlet(VerbsData.Export, "SyncReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSyncReportCommand : PluginSyncCommandBase
{
    private readonly List<string> _names = new();

    /// <summary>The file to write. Its folder must exist; an existing file is replaced.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Plugin names or wildcard patterns; every plugin when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Counts the runs that started at or after this time; the last 30 days when omitted.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Returns the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => _names.AddRange(Name ?? Array.Empty<string>());

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            Export();
        }
        finally
        {
            base.EndProcessing();
        }
    }

    private void Export()
    {
        var now = DateTime.UtcNow;
        var target = ResolveTarget();
        CheckWindow(now);

        if (!ShouldProcess(target, "Write sync report"))
        {
            return;
        }

        var request = new ReportRequest
        {
            After = After?.ToUniversalTime(),
            GeneratedAt = now,
            TimeZone = TimeZoneInfo.Local,
        };
        foreach (var name in _names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            request.Names.Add(name);
        }

        if (MyInvocation.ExpectingInput && _names.Count == 0)
        {
            WriteWarning("No plugin name came through the pipeline, so the report covers every plugin.");
        }

        var data = StoreExists ? FromStore(request) : WithoutStore(request);
        WriteVerbose($"Counted {data.Plugins.Count} plugins and {data.FailureCount} failed runs.");

        try
        {
            new HtmlReportWriter().WriteFile(data, target);
        }
        catch (PluginSyncException e)
        {
            ThrowEngineError(e);
        }

        WriteVerbose($"Wrote the report '{target}'.");
        if (PassThru)
        {
            // Through the provider, so the object carries the properties Get-Item's output has and shows the same.
            WriteObject(InvokeProvider.Item.Get(new[] { target }, true, true), enumerateCollection: true);
        }
    }

    private ReportData FromStore(ReportRequest request)
    {
        request.StorePath = Store.FilePath;
        var masker = StoredSecretMasker.Create(Store, out var unreadable);
        foreach (var slot in unreadable)
        {
            WriteWarning($"The stored credential '{slot}' cannot be decrypted, so its value cannot be masked in " +
                         "the report's error messages.");
        }

        return new ReportDataBuilder(masker).Build(Store.History, request);
    }

    private ReportData WithoutStore(ReportRequest request)
    {
        var home = Environment.GetEnvironmentVariable(StoreLocation.HomeVariable);
        var folder = StoreLocation.ResolveFolder(string.IsNullOrWhiteSpace(home) ? null : ResolvePath(home!));
        request.StorePath = System.IO.Path.Combine(folder, StoreLocation.FileName);
        WriteVerbose($"There is no store at '{request.StorePath}', so the report has no history.");
        return new ReportDataBuilder(SecretMasker.None).Build(null, request);
    }

    private string ResolveTarget()
    {
        string target;
        try
        {
            target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                throw new PSArgumentException($"it is a {provider.Name} path, not a file system path");
            }
        }
        catch (Exception e) when (e is PSArgumentException or ArgumentException or NotSupportedException
                                      or ItemNotFoundException or System.Management.Automation.DriveNotFoundException
                                      or ProviderNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The report path '{Path}' is not valid: {e.Message}", e),
                "ReportPathInvalid",
                ErrorCategory.InvalidArgument,
                Path));
            throw; // not reached: ThrowTerminatingError always throws
        }

        if (Directory.Exists(target))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The report path '{Path}' is a folder. Give the path of a file, such as " +
                                      $"'{System.IO.Path.Combine(Path, "report.html")}'."),
                "ReportPathIsFolder",
                ErrorCategory.InvalidArgument,
                Path));
        }

        var folder = System.IO.Path.GetDirectoryName(target);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            ThrowTerminatingError(new ErrorRecord(
                new DirectoryNotFoundException($"The folder '{folder}' of the report path '{Path}' does not exist. " +
                                               "Create it first, or give a path in an existing folder."),
                "ReportFolderNotFound",
                ErrorCategory.ObjectNotFound,
                Path));
        }

        return target;
    }

    private void CheckWindow(DateTime now)
    {
        if (After is not { } after || after.ToUniversalTime() < now)
        {
            return;
        }

        ThrowTerminatingError(new ErrorRecord(
            new ArgumentException($"-After ({after:o}) must be earlier than now ({now.ToLocalTime():o}); the report " +
                                  "counts the runs that started from -After until now."),
            "ReportWindowInvalid",
            ErrorCategory.InvalidArgument,
            after));
    }
}
