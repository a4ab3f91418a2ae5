using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Completers;

/// <summary>Completes plugin names: every plugin in the registry and every stored configuration.</summary>
public sealed class PluginNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return KnownNames()
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    private static IEnumerable<string> KnownNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in PluginRegistry.CreateDefault().All)
        {
            names.Add(plugin.Name);
        }

        try
        {
            // Completing a name must not create a store where there is none.
            if (!SyncStore.Exists())
            {
                return names;
            }

            using var store = SyncStore.Open();
            foreach (var configuration in store.Configurations.All())
            {
                names.Add(configuration.Name);
            }
        }
        catch (Exception)
        {
            // Completion must never fail the user's typing; without a readable store, built-ins still complete.
        }

        return names;
    }
}
