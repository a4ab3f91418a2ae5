using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PluginSync.Engine.Plugins;

/// <summary>
/// Loads plugins from .NET assemblies that reference the plugin contract. A plugin directory holds either the
/// assembly itself (<c>dir/Name.dll</c>, no dependencies of its own) or a folder per plugin with the assembly
/// named after the folder and its dependencies beside it (<c>dir/Name/Name.dll</c>). On PowerShell 7 each
/// assembly loads in its own load context; on Windows PowerShell 5.1 all share one (see the README).
/// </summary>
public sealed class AssemblyPluginLoader : IPluginLoader
{
    private static readonly string ContractName = typeof(ISyncPlugin).Assembly.GetName().Name!;

    // Loaded assemblies cannot be unloaded from a shared context, so each file is loaded once per process and
    // loaded again only when it changes on disk.
    private static readonly ConcurrentDictionary<string, (DateTime Written, IReadOnlyList<ISyncPlugin> Plugins)>
        Loaded = new(StringComparer.Ordinal);

    private static readonly bool IsNetCore =
        !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <inheritdoc />
    public PluginKind Kind => PluginKind.Assembly;

    /// <inheritdoc />
    public IEnumerable<string> FindCandidates(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
        {
            yield return file;
        }

        foreach (var folder in Directory.EnumerateDirectories(directory))
        {
            var main = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
            if (File.Exists(main))
            {
                yield return main;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ISyncPlugin> Load(string source)
    {
        var written = File.GetLastWriteTimeUtc(source);
        if (Loaded.TryGetValue(source, out var cached) && cached.Written == written)
        {
            return cached.Plugins;
        }

        var plugins = LoadFresh(source);
        Loaded[source] = (written, plugins);
        return plugins;
    }

    private static IReadOnlyList<ISyncPlugin> LoadFresh(string source)
    {
        var assembly = IsNetCore ? LoadIsolated(source) : LoadShared(source);
        if (!assembly.GetReferencedAssemblies().Any(r => r.Name == ContractName))
        {
            return Array.Empty<ISyncPlugin>();
        }

        CheckDependencies(assembly, source);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message ?? e.Message;
            throw new InvalidOperationException($"Its types cannot be loaded: {first} Is a dependency missing from " +
                                                "the plugin's folder?", e);
        }

        var pluginTypes = types.Where(t => typeof(ISyncPlugin).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract &&
                                           t.IsPublic).ToList();
        return pluginTypes.Select(Create).ToList();
    }

    /// <summary>
    /// Loads every assembly the plugin references, so that a dependency missing from the plugin's folder is a load
    /// error naming it. Otherwise it shows only when the plugin first calls into it, as a failed run.
    /// </summary>
    private static void CheckDependencies(Assembly assembly, string source)
    {
        var missing = new List<string>();
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            try
            {
                if (IsNetCore)
                {
                    LoadReferenceIsolated(assembly, reference);
                }
                else
                {
                    Assembly.Load(reference);
                }
            }
            catch (FileNotFoundException)
            {
                missing.Add(reference.FullName);
            }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException)
            {
                missing.Add($"{reference.FullName} ({e.Message})");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"It needs {string.Join(", ", missing)}, which cannot be loaded from its folder " +
                $"'{Path.GetDirectoryName(source)}'. Copy the plugin's dependencies beside it, for example with " +
                "dotnet publish.");
        }
    }

    private static ISyncPlugin Create(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"The plugin type '{type.FullName}' has no public parameterless " +
                                                "constructor.");
        }

        try
        {
            return (ISyncPlugin)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException(
                $"The constructor of '{type.FullName}' threw: {e.InnerException.Message}", e.InnerException);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Assembly LoadIsolated(string source) =>
        new PluginLoadContext(Path.GetDirectoryName(source)!).LoadFromAssemblyPath(source);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LoadReferenceIsolated(Assembly assembly, AssemblyName reference) =>
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly)!.LoadFromAssemblyName(reference);

    private static Assembly LoadShared(string source)
    {
        // Limitation: on Windows PowerShell 5.1 every plugin shares one context, so two plugins that need different
        // versions of one dependency get whichever loads first.
        var folder = Path.GetDirectoryName(source)!;
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
        {
            var candidate = Path.Combine(folder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        };
        return Assembly.LoadFrom(source);
    }
}
