using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Configuration;

/// <summary>A change to a configuration. Only what is given changes; a null value removes a key.</summary>
public sealed class ConfigurationUpdate
{
    /// <summary>The new Enabled flag, or null to leave it as it is (a new configuration starts disabled).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The run timeout in seconds; 0 removes it; null leaves it as it is.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>How many attempts a failing run gets; null leaves it as it is.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The delay before the first retry, in seconds; null leaves it as it is.</summary>
    public double? RetryDelaySeconds { get; set; }

    /// <summary>Settings to set; a null value returns the setting to its default.</summary>
    public IDictionary<string, object?> Settings { get; } =
        new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Credentials to set, in clear; a null value removes the credential.</summary>
    public IDictionary<string, string?> Credentials { get; } =
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
