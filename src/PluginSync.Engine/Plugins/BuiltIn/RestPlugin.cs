using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Plugins.BuiltIn.Rest;

namespace PluginSync.Engine.Plugins.BuiltIn;

/// <summary>
/// Pulls JSON records from an HTTP API, page by page, and writes each record to <c>Destination</c> as one JSON
/// file named after its key. New records are created, changed records updated and unchanged records skipped.
/// With <c>CursorField</c> set, the greatest cursor value is kept as state and sent on the next run, so the API
/// returns only newer records. A refused credential fails the run with <c>Retryable</c> = false in its data.
/// </summary>
public sealed class RestPlugin : ISyncPlugin, ISyncPluginCheck
{
    /// <inheritdoc />
    public string Name => "rest";

    /// <inheritdoc />
    public Version Version { get; } = new(1, 0, 0);

    /// <inheritdoc />
    public string Description => "Pulls JSON records from an HTTP API into a folder, one JSON file per record.";

    /// <inheritdoc />
    public IReadOnlyList<PluginCredential> Credentials { get; } = new[]
    {
        new PluginCredential(
            RestOptions.TokenCredential, required: false,
            description: "The bearer token sent as 'Authorization: Bearer ...' when Auth is Bearer."),
        new PluginCredential(
            RestOptions.ApiKeyCredential, required: false,
            description: "The API key sent in the header named by ApiKeyHeader when Auth is ApiKey."),
    };

    /// <inheritdoc />
    public IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting(
            RestOptions.UrlSetting, SettingType.String, required: true,
            description: "The first page's URL, http or https. It is shown in logs, so it must hold no " +
                         "secret: credentials travel in headers (see Auth)."),
        new PluginSetting(
            RestOptions.DestinationSetting, SettingType.Path, required: true,
            description: "The folder that receives one JSON file per record."),
        new PluginSetting(
            RestOptions.AuthSetting, SettingType.String, defaultValue: "None",
            description: "How to authenticate: None, Bearer (credential 'token') or ApiKey (credential 'api_key').",
            allowedValues: new object[] { "None", "Bearer", "ApiKey" }),
        new PluginSetting(
            RestOptions.ApiKeyHeaderSetting, SettingType.String, defaultValue: "X-Api-Key",
            description: "The header that carries the API key when Auth is ApiKey."),
        new PluginSetting(
            RestOptions.RecordsPathSetting, SettingType.String, defaultValue: "",
            description: "The top-level property that holds the array of records, such as 'items'; empty when " +
                         "the response body is the array."),
        new PluginSetting(
            RestOptions.KeyFieldSetting, SettingType.String, defaultValue: "id",
            description: "The record field (a string or number) that names each record's file."),
        new PluginSetting(
            RestOptions.PagingSetting, SettingType.String, defaultValue: "None",
            description: "How to find the next page: None, NextLink (a link in each response) or Page (a page " +
                         "number from 1, until the first empty page).",
            allowedValues: new object[] { "None", "NextLink", "Page" }),
        new PluginSetting(
            RestOptions.NextLinkFieldSetting, SettingType.String, defaultValue: "next",
            description: "With NextLink paging, the top-level property holding the next page's absolute or " +
                         "relative URL; paging stops when it is missing, null or empty."),
        new PluginSetting(
            RestOptions.PageParameterSetting, SettingType.String, defaultValue: "page",
            description: "With Page paging, the query parameter that carries the page number."),
        new PluginSetting(
            RestOptions.MaxPagesSetting, SettingType.Integer, defaultValue: 1000L,
            description: "The most pages one run fetches; a run that finds more pages fails.",
            minimum: 1, maximum: int.MaxValue),
        new PluginSetting(
            RestOptions.CursorFieldSetting, SettingType.String, defaultValue: "",
            description: "The record field whose greatest value is kept as state for incremental runs; empty " +
                         "for full runs."),
        new PluginSetting(
            RestOptions.CursorParameterSetting, SettingType.String, defaultValue: "since",
            description: "The query parameter that sends the kept cursor value on the next run's first page."),
    };

    /// <inheritdoc />
    public Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken) =>
        RestRun.RunAsync(context, cancellationToken);

    /// <summary>Checks that the API answers the configured URL with a success status, sending the credential,
    /// and that files can be written in the destination folder.</summary>
    /// <param name="context">The configuration's credentials and settings.</param>
    /// <param name="cancellationToken">Fires when the check is cancelled or times out.</param>
    public Task<PluginCheckResult[]> CheckAsync(ISyncContext context, CancellationToken cancellationToken) =>
        RestChecks.RunAsync(context, cancellationToken);
}
