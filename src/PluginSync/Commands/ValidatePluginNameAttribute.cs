using System.Management.Automation;
using PluginSync.Engine.Plugins;

namespace PluginSync.Commands;

/// <summary>Refuses a parameter value that is not a valid plugin name, quoting it and the rule.</summary>
public sealed class ValidatePluginNameAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <summary>Whether <c>*</c> and <c>?</c> are accepted, for parameters that take wildcards.</summary>
    public bool AllowWildcards { get; set; }

    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        var name = element is PSObject wrapped ? wrapped.BaseObject : element;
        var text = name as string;
        var candidate = AllowWildcards ? text?.Replace("*", "a").Replace("?", "a") : text;
        if (PluginName.IsValid(candidate))
        {
            return;
        }

        var shown = text is null ? "(null)" : $"'{PluginName.Shorten(text)}'";
        var rule = AllowWildcards ? PluginName.Rule + ", or a pattern with * and ?" : PluginName.Rule;
        throw new ValidationMetadataException($"The plugin name {shown} is not valid. A plugin name is {rule}.");
    }
}
