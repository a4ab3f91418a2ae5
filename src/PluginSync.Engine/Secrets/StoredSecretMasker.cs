using System;
using System.Collections.Generic;
using System.IO;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Secrets;

/// <summary>
/// Makes a <see cref="SecretMasker"/> that knows every credential value stored in a store's configurations, for
/// output that shows text written by plugins, such as old error messages. The values stay inside the masker.
/// </summary>
public static class StoredSecretMasker
{
    /// <summary>
    /// A masker for every credential value in <paramref name="store"/>. A value that cannot be decrypted cannot be
    /// masked; each such credential is named in <paramref name="unreadable"/> as "plugin/key". Without a master
    /// key (no key file and no PLUGINSYNC_MASTER_KEY) none is decrypted, and no key file is created.
    /// </summary>
    public static SecretMasker Create(SyncStore store, out IReadOnlyList<string> unreadable)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        var values = new List<string>();
        var failed = new List<string>();
        var configurations = store.Configurations.All();
        var hasKey = HasMasterKey(store.Folder);
        foreach (var configuration in configurations)
        {
            foreach (var pair in configuration.ProtectedCredentials)
            {
                var slot = $"{configuration.Name}/{pair.Key}";
                if (!hasKey)
                {
                    failed.Add(slot);
                    continue;
                }

                try
                {
                    var context = PluginConfiguration.CredentialContext(configuration.Name, pair.Key);
                    values.Add(store.Protector.Unprotect(pair.Value, context));
                }
                catch (PluginSyncException)
                {
                    failed.Add(slot);
                }
            }
        }

        unreadable = failed;
        return new SecretMasker(values);
    }

    // Reading a credential would otherwise create a new, useless key file when the store's key is missing.
    private static bool HasMasterKey(string folder) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MasterKeyProvider.EnvironmentVariable)) ||
        File.Exists(Path.Combine(folder, MasterKeyProvider.KeyFileName));
}
