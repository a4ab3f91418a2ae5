using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

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
            Items(table, "Settings").Select(ReadSetting).ToArray());
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

    private static PluginCredential ReadCredential(Hashtable item) => new(
        Text(item, "Name") ?? throw Invalid("a credential has no Name"),
        Flag(item, "Required") ?? true,
        Text(item, "Description") ?? "");

    private static PluginSetting ReadSetting(Hashtable item)
    {
        var name = Text(item, "Name") ?? throw Invalid("a setting has no Name");
        var unknown = item.Keys.Cast<object>().Select(k => k.ToString()!)
            .Where(k => !SettingKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid($"the setting '{name}' has unknown keys {string.Join(", ", unknown)}; " +
                          $"accepted: {string.Join(", ", SettingKeys)}");
        }

        var typeText = Text(item, "Type") ?? nameof(SettingType.String);
        if (!Enum.TryParse<SettingType>(typeText, true, out var type))
        {
            throw Invalid($"the setting '{name}' has the Type '{typeText}'; accepted: " +
                          string.Join(", ", Enum.GetNames(typeof(SettingType))));
        }

        var allowed = item["AllowedValues"] is { } values ? AsList(values).ToArray() : null;
        return new PluginSetting(
            name, type, item["Default"], Flag(item, "Required") ?? false, Text(item, "Description") ?? "", allowed,
            Number(item, "Minimum"), Number(item, "Maximum"));
    }

    private static IEnumerable<Hashtable> Items(Hashtable table, string key) =>
        AsList(table[key]).Select(item => item as Hashtable ?? throw Invalid($"each entry of {key} must be @{{ ... }}"));

    private static IEnumerable<object> AsList(object? value) => value switch
    {
        null => Array.Empty<object>(),
        object[] array => array,
        _ => new[] { value },
    };

    private static string? Text(Hashtable table, string key) => table[key]?.ToString();

    private static bool? Flag(Hashtable table, string key) => table[key] is bool flag ? flag : null;

    private static long? Number(Hashtable table, string key) =>
        table[key] is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static InvalidDataException Invalid(string problem) =>
        new($"The script plugin's declaration is not valid: {problem}.");
}
