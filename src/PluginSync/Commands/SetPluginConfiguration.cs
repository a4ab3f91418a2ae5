using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using PluginSync.Completers;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;

namespace PluginSync.Commands;

/// <summary>
/// Creates or changes a plugin's configuration: its Enabled flag, settings and credentials. Everything given is
/// checked against what the plugin declares before anything is written; a refused change writes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PluginConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(PluginConfiguration))]
public sealed class SetPluginConfigurationCommand : PluginSyncCommandBase
{
    /// <summary>The plugin to configure.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Enables the plugin; -Enabled:$false disables it. A new configuration starts disabled.</summary>
    [Parameter]
    public SwitchParameter Enabled { get; set; }

    /// <summary>Settings by name. A $null value returns a setting to its default.</summary>
    [Parameter]
    public Hashtable? Setting { get; set; }

    /// <summary>Credentials by key name, as strings or SecureStrings. A $null value removes a credential.</summary>
    [Parameter]
    public Hashtable? Secret { get; set; }

    /// <summary>A credential whose user name is the credential key and whose password is its value.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The longest a run may take, retries included, in seconds; 0 removes the timeout.</summary>
    [Parameter]
    [ValidateRange(0, RunPolicy.TimeoutLimitSeconds)]
    public int? TimeoutSeconds { get; set; }

    /// <summary>How many attempts a failing run gets, the first included (1 means no retries).</summary>
    [Parameter]
    [ValidateRange(1, RunPolicy.MaxAttemptsLimit)]
    public int? MaxAttempts { get; set; }

    /// <summary>Seconds before the first retry; later retries wait exponentially longer, with jitter.</summary>
    [Parameter]
    [ValidateRange(0.0, RunPolicy.RetryDelayLimitSeconds)]
    public double? RetryDelaySeconds { get; set; }

    /// <summary>Returns the saved configuration.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        ConfigurationUpdate update;
        try
        {
            update = BuildUpdate();
            ConfigurationService.Check(Registry, Name, update);
        }
        catch (PluginSyncException e)
        {
            WriteEngineError(e);
            return;
        }

        // Asked before the store is opened, so -WhatIf never creates a store that does not exist yet.
        if (!ShouldProcess(Name, "Save configuration"))
        {
            return;
        }

        try
        {
            var saved = new ConfigurationService(Store, Registry).Set(Name, update);
            WriteVerbose(Describe(saved, update));
            if (PassThru)
            {
                WriteObject(saved);
            }
        }
        catch (PluginSyncException e)
        {
            WriteEngineError(e);
        }
    }

    private ConfigurationUpdate BuildUpdate()
    {
        var update = new ConfigurationUpdate
        {
            TimeoutSeconds = TimeoutSeconds,
            MaxAttempts = MaxAttempts,
            RetryDelaySeconds = RetryDelaySeconds,
        };
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)))
        {
            update.Enabled = Enabled.IsPresent;
        }

        foreach (DictionaryEntry entry in Setting ?? new Hashtable())
        {
            var key = KeyOf(entry, "setting");
            update.Settings[key] = SettingValue(key, Unwrap(entry.Value));
        }

        foreach (DictionaryEntry entry in Secret ?? new Hashtable())
        {
            var key = KeyOf(entry, "credential");
            update.Credentials[key] = SecretValue(key, Unwrap(entry.Value));
        }

        if (Credential is not null)
        {
            var key = Credential.UserName.TrimStart('\\');
            update.Credentials[key] = SecretValue(key, Credential.Password);
        }

        return update;
    }

    /// <summary>Path settings given as relative paths are resolved against the current location.</summary>
    private object? SettingValue(string key, object? value)
    {
        var plugin = Registry.Find(Name)?.Plugin;
        var declared = plugin?.Settings.FirstOrDefault(
            s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase));
        if (declared?.Type == SettingType.Path && value is string path && path.Trim().Length > 0)
        {
            return ResolvePath(path);
        }

        return value;
    }

    private static string KeyOf(DictionaryEntry entry, string what)
    {
        var key = Unwrap(entry.Key) as string;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new PluginSyncException(
                what == "setting" ? "SettingNameInvalid" : "CredentialNameInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"Each {what} needs a name; '{entry.Key}' is not one.",
                entry.Key);
        }

        return key!;
    }

    private static string? SecretValue(string key, object? value) => value switch
    {
        null => null,
        string text => text,
        SecureString secure => ToPlainText(secure),
        // The value may be a secret in the wrong type: its type is named, never its value.
        _ => throw new PluginSyncException(
            "CredentialValueInvalid",
            PluginSyncErrorKind.InvalidArgument,
            $"The credential '{key}' must be a string or a SecureString; a value of type {value.GetType().Name} " +
            "is not accepted.",
            key),
    };

    private static string ToPlainText(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? "";
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static string Describe(PluginConfiguration saved, ConfigurationUpdate update)
    {
        var settings = update.Settings.Count == 0
            ? "no settings"
            : "settings " + string.Join(", ", update.Settings.Keys);
        var credentials = update.Credentials.Count == 0
            ? "no credentials"
            : "credentials " + string.Join(", ", update.Credentials.Keys) + " (values not shown)";
        return $"Saved the configuration of '{saved.Name}' (enabled: {saved.Enabled}); " +
               $"changed {settings} and {credentials}.";
    }
}
