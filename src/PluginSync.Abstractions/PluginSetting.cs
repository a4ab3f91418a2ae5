using System;
using System.Collections.Generic;
using System.Linq;

namespace PluginSync;

/// <summary>
/// A setting a plugin accepts: its name, type, default, whether it is required and its allowed values.
/// </summary>
public sealed class PluginSetting
{
    /// <summary>Declares a setting.</summary>
    /// <param name="name">The setting name, for example <c>batch_size</c>.</param>
    /// <param name="type">The value's type.</param>
    /// <param name="defaultValue">The value used when the configuration does not set one; null for none.</param>
    /// <param name="required">Whether a run is refused (NotConfigured) while the setting has no value.</param>
    /// <param name="description">What the setting does.</param>
    /// <param name="allowedValues">The only values accepted, or null to accept any value of the type.</param>
    /// <param name="minimum">For <see cref="SettingType.Integer"/>, the smallest value accepted.</param>
    /// <param name="maximum">For <see cref="SettingType.Integer"/>, the largest value accepted.</param>
    public PluginSetting(
        string name,
        SettingType type,
        object? defaultValue = null,
        bool required = false,
        string description = "",
        IEnumerable<object>? allowedValues = null,
        long? minimum = null,
        long? maximum = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A setting needs a name.", nameof(name));
        }

        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        Required = required;
        Description = description ?? "";
        AllowedValues = allowedValues?.ToArray();
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The setting name.</summary>
    public string Name { get; }

    /// <summary>The value's type.</summary>
    public SettingType Type { get; }

    /// <summary>The value used when the configuration does not set one, or null.</summary>
    public object? DefaultValue { get; }

    /// <summary>Whether the setting must have a value before the plugin can run.</summary>
    public bool Required { get; }

    /// <summary>What the setting does.</summary>
    public string Description { get; }

    /// <summary>The only values accepted, or null when any value of <see cref="Type"/> is accepted.</summary>
    public IReadOnlyList<object>? AllowedValues { get; }

    /// <summary>For integers, the smallest value accepted, or null.</summary>
    public long? Minimum { get; }

    /// <summary>For integers, the largest value accepted, or null.</summary>
    public long? Maximum { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";
}
