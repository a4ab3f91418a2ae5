using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;

namespace PluginSync.Hosting;

/// <summary>
/// What a script plugin declares, in a <c>&lt;#PluginSync ... #&gt;</c> block at the top of the file that holds
/// one hashtable of constants: Name, Version, Description, Credentials and Settings. It is read as data, so
/// loading a script plugin runs none of its code. The script must also declare
/// <c>param($Context, $CancellationToken)</c>.
/// </summary>
public sealed class ScriptPluginManifest
{
    /// <summary>What opens the declaration block.</summary>
    public const string BlockStart = "<#PluginSync";

    private static readonly string[] KnownKeys = { "Name", "Version", "Description", "Credentials", "Settings" };
    private static readonly string[] CredentialKeys = { "Name", "Required", "Description" };
    private static readonly string[] SettingKeys =
        { "Name", "Type", "Default", "Required", "Description", "AllowedValues", "Minimum", "Maximum" };

    private ScriptPluginManifest(
        string name, Version version, string description, PluginCredential[] credentials, PluginSetting[] settings)
    {
        Name = name;
        Version = version;
        Description = description;
        Credentials = credentials;
        Settings = settings;
    }

    public string Name { get; }

    public Version Version { get; }

    public string Description { get; }

    public PluginCredential[] Credentials { get; }

    public PluginSetting[] Settings { get; }

    /// <summary>Reads the declaration of the script at <paramref name="path"/>; throws naming what is wrong.</summary>
    public static ScriptPluginManifest Read(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        if (errors.Length > 0)
        {
            var error = errors[0];
            throw Invalid($"the script does not parse: {error.Message} (line {error.Extent.StartLineNumber})");
        }

        CheckParameters(ast);
        var table = ReadBlock(File.ReadAllText(path));

        var unknown = table.Keys.Cast<object>().Select(k => k.ToString()!)
            .Where(k => !KnownKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid($"the declaration has unknown keys {string.Join(", ", unknown)}; " +
                          $"accepted: {string.Join(", ", KnownKeys)}");
        }

        var name = Text(table, "Name") ?? throw Invalid("the declaration has no Name");
        var versionText = Text(table, "Version") ?? "1.0.0";
        if (!Version.TryParse(versionText, out var version))
        {
            throw Invalid($"the Version '{versionText}' is not a version such as 1.0.0");
        }

        return new ScriptPluginManifest(
            name,
            version,
            Text(table, "Description") ?? "",
            Items(table, "Credentials").Select(ReadCredential).ToArray(),
            Items(table, "Settings").Select(item => ReadSetting(name, item)).ToArray());
    }

    private static void CheckParameters(ScriptBlockAst ast)
    {
        var names = ast.ParamBlock?.Parameters.Select(p => p.Name.VariablePath.UserPath).ToList() ?? new List<string>();
        var missing = new[] { "Context", "CancellationToken" }
            .Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid($"the script must declare param($Context, $CancellationToken); it lacks " +
                          string.Join(" and ", missing.Select(m => "$" + m)));
        }
    }

    private static Hashtable ReadBlock(string text)
    {
        var start = text.IndexOf(BlockStart, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("#>", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw Invalid($"it has no declaration block; start the file with {BlockStart} @{{ Name = '...' }} #>");
        }

        var body = text.Substring(start + BlockStart.Length, end - start - BlockStart.Length);
        var block = Parser.ParseInput(body, out _, out var errors);
        if (errors.Length > 0)
        {
            throw Invalid($"the declaration block does not parse: {errors[0].Message}");
        }

        var hashtable = block.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) as HashtableAst;
        if (hashtable is null)
        {
            throw Invalid("the declaration block holds no hashtable @{ ... }");
        }

        try
        {
            return (Hashtable)hashtable.SafeGetValue();
        }
        catch (InvalidOperationException e)
        {
            throw Invalid($"the declaration may hold only constants (text, numbers, $true, $false, arrays and " +
                          $"hashtables): {e.Message}");
        }
    }

    private static PluginCredential ReadCredential(Hashtable item)
    {
        var name = Text(item, "Name") ?? throw Invalid("a credential has no Name");
        var what = $"the credential '{name}'";
        CheckKeys(item, CredentialKeys, what);
        return new PluginCredential(name, Flag(item, "Required", what) ?? true, Text(item, "Description") ?? "");
    }

    private static PluginSetting ReadSetting(string plugin, Hashtable item)
    {
        var name = Text(item, "Name") ?? throw Invalid("a setting has no Name");
        var what = $"the setting '{name}'";
        CheckKeys(item, SettingKeys, what);

        // Only a type's name: Enum.TryParse would also take "9" or "String, Integer", which are no setting type.
        var typeText = Text(item, "Type") ?? nameof(SettingType.String);
        var typeName = Enum.GetNames(typeof(SettingType))
            .FirstOrDefault(n => string.Equals(n, typeText, StringComparison.OrdinalIgnoreCase));
        if (typeName is null)
        {
            throw Invalid($"{what} has the Type '{typeText}'; accepted: " +
                          string.Join(", ", Enum.GetNames(typeof(SettingType))));
        }

        var type = (SettingType)Enum.Parse(typeof(SettingType), typeName);
        var allowed = item["AllowedValues"] is { } values ? AsList(values).ToArray() : null;
        var setting = new PluginSetting(
            name, type, null, Flag(item, "Required", what) ?? false, Text(item, "Description") ?? "", allowed,
            Number(item, "Minimum", what), Number(item, "Maximum", what));
        return WithDefault(plugin, setting, item["Default"]);
    }

    /// <summary>
    /// The setting with its default converted to its type. A default the setting refuses is a declaration error:
    /// found here, it names the file; found at run time, it would fail every run of the plugin.
    /// </summary>
    private static PluginSetting WithDefault(string plugin, PluginSetting setting, object? value)
    {
        if (value is null)
        {
            return setting;
        }

        object converted;
        try
        {
            converted = SettingValues.Convert(plugin, setting, value);
        }
        catch (PluginSyncException e)
        {
            throw Invalid($"the setting '{setting.Name}' has a Default it does not accept: {e.Message}");
        }

        return new PluginSetting(setting.Name, setting.Type, converted, setting.Required, setting.Description,
            setting.AllowedValues, setting.Minimum, setting.Maximum);
    }

    private static void CheckKeys(Hashtable item, string[] accepted, string what)
    {
        var unknown = item.Keys.Cast<object>().Select(k => k.ToString()!)
            .Where(k => !accepted.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid($"{what} has unknown keys {string.Join(", ", unknown)}; " +
                          $"accepted: {string.Join(", ", accepted)}");
        }
    }

    private static IEnumerable<Hashtable> Items(Hashtable table, string key) =>
        AsList(table[key])
            .Select(item => item as Hashtable ?? throw Invalid($"each entry of {key} must be @{{ ... }}"));

    private static IEnumerable<object> AsList(object? value) => value switch
    {
        null => Array.Empty<object>(),
        object[] array => array,
        _ => new[] { value },
    };

    private static string? Text(Hashtable table, string key) => table[key]?.ToString();

    private static bool? Flag(Hashtable table, string key, string what) => table[key] switch
    {
        null => null,
        bool flag => flag,
        var other => throw Invalid($"{what} has {key} = '{other}'; it must be $true or $false"),
    };

    private static long? Number(Hashtable table, string key, string what)
    {
        switch (table[key])
        {
            case null:
                return null;
            case int or long or short or byte:
                return Convert.ToInt64(table[key], CultureInfo.InvariantCulture);
            case string text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var parsed):
                return parsed;
            default:
                throw Invalid($"{what} has the {key} '{table[key]}'; it must be a whole number");
        }
    }

    // The problems quoted from elsewhere end in a full stop already.
    private static InvalidDataException Invalid(string problem) =>
        new($"The script plugin's declaration is not valid: {problem.TrimEnd('.')}.");
}
