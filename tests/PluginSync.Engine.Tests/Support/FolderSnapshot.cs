using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PluginSync.Engine.Tests.Support;

/// <summary>Every file in a folder tree, by relative path, with its bytes.</summary>
public sealed class FolderSnapshot
{
    private FolderSnapshot(IReadOnlyDictionary<string, byte[]> files) => Files = files;

    /// <summary>The files, by path relative to the folder.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Reads every file under <paramref name="folder"/>.</summary>
    public static FolderSnapshot Take(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes, StringComparer.Ordinal);
        return new FolderSnapshot(files);
    }

    /// <summary>Fails unless <paramref name="after"/> holds exactly the same files with the same bytes.</summary>
    public void AssertSameAs(FolderSnapshot after)
    {
        Assert.Equal(
            Files.Keys.OrderBy(k => k, StringComparer.Ordinal),
            after.Files.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var pair in Files)
        {
            Assert.True(
                pair.Value.AsSpan().SequenceEqual(after.Files[pair.Key]),
                $"The bytes of '{pair.Key}' changed.");
        }
    }
}
