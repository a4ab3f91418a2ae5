using System;
using System.Collections.Generic;
using System.Linq;

namespace PluginSync.Engine.Secrets;

/// <summary>Replaces every known secret value in a text with a mask, longest values first.</summary>
public sealed class SecretMasker
{
    /// <summary>What a masked value reads as.</summary>
    public const string Mask = "********";

    private readonly string[] _secrets;

    public SecretMasker(IEnumerable<string?> secrets)
    {
        _secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>A masker that masks nothing.</summary>
    public static SecretMasker None { get; } = new(Array.Empty<string>());

    /// <summary>Returns <paramref name="text"/> with every secret value masked.</summary>
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text!;
        foreach (var secret in _secrets)
        {
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                result = result.Replace(secret, Mask);
            }
        }

        return result;
    }
}
