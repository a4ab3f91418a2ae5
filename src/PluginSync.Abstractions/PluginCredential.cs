using System;

namespace PluginSync;

/// <summary>A credential key that a plugin reads, such as <c>api_key</c>. Its value is stored encrypted.</summary>
public sealed class PluginCredential
{
    /// <summary>Declares a credential key.</summary>
    /// <param name="name">The key name, for example <c>api_key</c>.</param>
    /// <param name="required">Whether a run is refused (NotConfigured) while the key has no value.</param>
    /// <param name="description">What the credential is, shown in help and errors.</param>
    public PluginCredential(string name, bool required = true, string description = "")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A credential key needs a name.", nameof(name));
        }

        Name = name;
        Required = required;
        Description = description ?? "";
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>Whether the key must have a value before the plugin can run.</summary>
    public bool Required { get; }

    /// <summary>What the credential is.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
