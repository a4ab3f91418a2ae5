using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PluginSync.Engine.Audit;

namespace PluginSync.Engine.Configuration;

/// <summary>
/// What changed between two versions of a configuration, for the audit trail: the Enabled flag, each setting
/// and the run policy with before and after; credentials by key name only, as set, replaced or removed.
/// </summary>
internal static class ConfigurationChanges
{
    private const string Set = "(set)";

    /// <summary>The changes from <paramref name="before"/> (null: created) to <paramref name="after"/>
    /// (null: removed). <paramref name="credentialsGiven"/> are the keys the change gave a value or removed.</summary>
    public static IReadOnlyList<AuditChange> Between(
        PluginConfiguration? before, PluginConfiguration? after, IEnumerable<string> credentialsGiven)
    {
        var changes = new List<AuditChange>();
        Add(changes, "Enabled", before?.Enabled.ToString(), after?.Enabled.ToString());

        var settingNames = Keys(before?.Settings).Union(Keys(after?.Settings), StringComparer.OrdinalIgnoreCase);
        foreach (var name in settingNames.OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            Add(changes, $"Setting {name}", Text(before?.Settings, name), Text(after?.Settings, name));
        }

        AddCredentials(changes, before, after, credentialsGiven);

        Add(changes, "TimeoutSeconds", Policy(before, p => p.TimeoutSeconds), Policy(after, p => p.TimeoutSeconds));
        Add(changes, "MaxAttempts", Policy(before, p => p.MaxAttempts), Policy(after, p => p.MaxAttempts));
        Add(changes, "RetryDelaySeconds",
            Policy(before, p => p.RetryDelaySeconds), Policy(after, p => p.RetryDelaySeconds));
        return changes;
    }

    private static void AddCredentials(
        List<AuditChange> changes, PluginConfiguration? before, PluginConfiguration? after, IEnumerable<string> given)
    {
        var names = Keys(before?.ProtectedCredentials)
            .Union(Keys(after?.ProtectedCredentials), StringComparer.OrdinalIgnoreCase);
        var touched = new HashSet<string>(given, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            var had = before?.ProtectedCredentials.ContainsKey(name) == true;
            var has = after?.ProtectedCredentials.ContainsKey(name) == true;
            if (had && has && touched.Contains(name))
            {
                changes.Add(new AuditChange($"Credential {name}", Set, "(replaced)"));
                continue;
            }

            Add(changes, $"Credential {name}", had ? Set : null, has ? Set : null);
        }
    }

    private static IEnumerable<string> Keys<T>(IReadOnlyDictionary<string, T>? values) =>
        values?.Keys ?? Enumerable.Empty<string>();

    private static string? Text(IReadOnlyDictionary<string, object?>? values, string name) =>
        values is not null && values.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static string? Policy(PluginConfiguration? configuration, Func<RunPolicy, object?> read) =>
        configuration is not null && read(configuration.Policy) is { } value
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static void Add(List<AuditChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new AuditChange(field, before, after));
        }
    }
}
