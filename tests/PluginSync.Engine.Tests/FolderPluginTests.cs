using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>The built-in <c>folder</c> plugin, run through the engine on small trees in a temporary folder.</summary>
public sealed class FolderPluginTests : IDisposable
{
    private static readonly DateTime Past = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly TestStore _test = new();
    private readonly string _source;
    private readonly string _destination;

    public FolderPluginTests()
    {
        _source = _test.Root.Combine("source");
        _destination = _test.Root.Combine("destination");
    }

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task AFirstRunCreatesEveryFileOfTheTree()
    {
        WriteSourceTree();
        Configure(delete: false);

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal((4L, 4L, 0L, 0L, 0L, 0L), Counts(result));
        AssertSameTree(_source, _destination);
        Assert.Equal(Past, File.GetLastWriteTimeUtc(Path.Combine(_destination, "sub", "deeper", "d.txt")));
    }

    [Fact]
    public async Task CountsCreatedUpdatedDeletedAndUnchangedFilesInOneRun()
    {
        WriteSourceTree();
        Write(_destination, "a.txt", "alpha");
        Write(_destination, "sub/c.txt", "an older, longer content");
        Write(_destination, "sub/extra.txt", "only in the destination");
        Configure(delete: true);

        var result = await RunAsync();

        // a.txt is unchanged, sub/c.txt updated, b.txt and sub/deeper/d.txt created, sub/extra.txt deleted.
        Assert.True(result.Success, result.Error);
        Assert.Equal((4L, 2L, 1L, 1L, 0L, 1L), Counts(result));
        AssertSameTree(_source, _destination);
        var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;
        Assert.Equal((4L, 2L, 1L, 1L, 0L, 1L), (record.Processed, record.Created, record.Updated, record.Deleted,
            record.Failed, record.Skipped));
    }

    [Fact]
    public async Task ASecondRunCopiesNothing()
    {
        WriteSourceTree();
        Configure(delete: false);
        await RunAsync();
        var copied = FolderSnapshot.Take(_destination);

        var second = await RunAsync();

        Assert.True(second.Success, second.Error);
        Assert.Equal((4L, 0L, 0L, 0L, 0L, 4L), Counts(second));
        Assert.Equal(0L, second.Data["BytesCopied"]);
        Assert.Equal(4L, second.Data["Unchanged"]);
        copied.AssertSameAs(FolderSnapshot.Take(_destination));
    }

    [Fact]
    public async Task AFileChangedBetweenRunsIsUpdated()
    {
        WriteSourceTree();
        Configure(delete: false);
        await RunAsync();

        var changed = Write(_source, "sub/c.txt", "gamma, changed");
        File.SetLastWriteTimeUtc(changed, Past.AddHours(1));
        var second = await RunAsync();

        Assert.True(second.Success, second.Error);
        Assert.Equal((4L, 0L, 1L, 0L, 0L, 3L), Counts(second));
        Assert.Equal("gamma, changed", File.ReadAllText(Path.Combine(_destination, "sub", "c.txt")));
    }

    [Fact]
    public async Task AFileChangedToTheSameLengthIsUpdatedWhenItsWriteTimeMoved()
    {
        WriteSourceTree();
        Configure(delete: false);
        await RunAsync();

        var changed = Write(_source, "a.txt", "ALPHA");
        File.SetLastWriteTimeUtc(changed, Past.AddSeconds(1));
        var second = await RunAsync();

        Assert.Equal(1L, second.Updated);
        Assert.Equal("ALPHA", File.ReadAllText(Path.Combine(_destination, "a.txt")));
    }

    [Fact]
    public async Task ExtraFilesAreKeptWhenDeleteIsFalse()
    {
        WriteSourceTree();
        Write(_destination, "extra.txt", "keep me");
        Write(_destination, "sub/extra.txt", "keep me too");
        Configure(delete: false);

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal(0L, result.Deleted);
        Assert.Equal(2, result.Data["ExtraFilesKept"]);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(_destination, "extra.txt")));
        Assert.Equal("keep me too", File.ReadAllText(Path.Combine(_destination, "sub", "extra.txt")));
    }

    [Fact]
    public async Task ExtraFilesAreDeletedWhenDeleteIsTrue()
    {
        WriteSourceTree();
        Write(_destination, "extra.txt", "delete me");
        Write(_destination, "sub/deeper/extra.txt", "delete me too");
        Configure(delete: true);

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal(2L, result.Deleted);
        Assert.False(File.Exists(Path.Combine(_destination, "extra.txt")));
        Assert.False(File.Exists(Path.Combine(_destination, "sub", "deeper", "extra.txt")));
        AssertSameTree(_source, _destination);
    }

    [Fact]
    public async Task AFileRemovedFromTheSourceIsDeletedFromTheDestinationWhenDeleteIsTrue()
    {
        WriteSourceTree();
        Configure(delete: true);
        await RunAsync();

        File.Delete(Path.Combine(_source, "b.txt"));
        var second = await RunAsync();

        Assert.Equal((3L, 0L, 0L, 1L, 0L, 3L), Counts(second));
        Assert.False(File.Exists(Path.Combine(_destination, "b.txt")));
    }

    [Fact]
    public async Task DeleteGivenAsTextIsUnderstood()
    {
        WriteSourceTree();
        Write(_destination, "extra.txt", "delete me");
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = _source,
            ["Destination"] = _destination,
            ["Delete"] = "true",
        });

        var result = await RunAsync();

        Assert.Equal(1L, result.Deleted);
    }

    [Fact]
    public async Task AnEmptySourceSucceedsWithNothingToDo()
    {
        Directory.CreateDirectory(_source);
        Configure(delete: false);

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal((0L, 0L, 0L, 0L, 0L, 0L), Counts(result));
        Assert.True(Directory.Exists(_destination));
    }

    [Fact]
    public async Task AMissingSourceFailsTheRunAndNamesThePath()
    {
        Configure(delete: true);

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains(_source, result.Error);
        var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;
        Assert.Equal(SyncStatus.Failed, record.Status);
        Assert.Contains(_source, record.ErrorMessage);
        Assert.False(Directory.Exists(_destination));
    }

    [Theory]
    [InlineData("destination inside source")]
    [InlineData("source inside destination")]
    [InlineData("same folder")]
    public async Task OverlappingFoldersAreRefused(string overlap)
    {
        WriteSourceTree();
        var (source, destination) = overlap switch
        {
            "destination inside source" => (_source, Path.Combine(_source, "sub", "copy")),
            "source inside destination" => (Path.Combine(_source, "sub"), _source),
            _ => (_source, _source),
        };
        var before = FolderSnapshot.Take(_source);
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = source,
            ["Destination"] = destination,
            ["Delete"] = true,
        });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("overlap", result.Error);
        Assert.Equal(SyncStatus.Failed, _test.Store.History.Get(result.SyncHistoryId!.Value)!.Status);
        before.AssertSameAs(FolderSnapshot.Take(_source));
    }

    [Fact]
    public async Task FoldersThatOnlyShareANamePrefixAreNotAnOverlap()
    {
        WriteSourceTree();
        var destination = _source + "-copy";
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = _source,
            ["Destination"] = destination,
        });

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        AssertSameTree(_source, destination);
    }

    [Fact]
    public async Task ADestinationThatIsAFileFailsTheRun()
    {
        WriteSourceTree();
        Write(_test.Root.Path, "destination", "a file where the folder should be");
        Configure(delete: false);

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains(_destination, result.Error);
        Assert.Equal("a file where the folder should be", File.ReadAllText(_destination));
    }

    [Fact]
    public async Task ATrailingSeparatorOnTheSourceIsHarmless()
    {
        WriteSourceTree();
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = _source + Path.DirectorySeparatorChar,
            ["Destination"] = _destination,
        });

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        AssertSameTree(_source, _destination);
    }

    private static (long, long, long, long, long, long) Counts(SyncResult r) =>
        (r.Processed, r.Created, r.Updated, r.Deleted, r.Failed, r.Skipped);

    private static string Write(string root, string relativePath, string content)
    {
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, Past);
        return path;
    }

    private static void AssertSameTree(string expected, string actual)
    {
        FolderSnapshot.Take(expected).AssertSameAs(FolderSnapshot.Take(actual));
        foreach (var file in Directory.EnumerateFiles(expected, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(actual, Path.GetRelativePath(expected, file));
            Assert.Equal(File.GetLastWriteTimeUtc(file), File.GetLastWriteTimeUtc(copy));
        }
    }

    /// <summary>a.txt, b.txt, sub/c.txt and sub/deeper/d.txt, all written at the same fixed time.</summary>
    [Fact]
    public async Task ADestinationThatIsALinkToAParentOfTheSourceIsRefusedAndNothingIsDeleted()
    {
        var data = _test.Root.Combine("data");
        var source = Path.Combine(data, "src");
        Write(source, "x.txt", "source file");
        Write(data, "notes.txt", "a file beside the source");
        var link = _test.Root.Combine("backup");
        Directory.CreateSymbolicLink(link, data);
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = source,
            ["Destination"] = link,
            ["Delete"] = true,
        });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("overlap", result.Error);
        Assert.True(File.Exists(Path.Combine(data, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(source, "x.txt")));
    }

    [Fact]
    public async Task ADestinationUnderALinkIntoTheSourceIsRefused()
    {
        WriteSourceTree();
        var link = _test.Root.Combine("into-source");
        Directory.CreateSymbolicLink(link, Path.Combine(_source, "sub"));
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = _source,
            ["Destination"] = Path.Combine(link, "copy"),
            ["Delete"] = true,
        });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("overlap", result.Error);
        Assert.True(File.Exists(Path.Combine(_source, "sub", "c.txt")));
        Assert.False(Directory.Exists(Path.Combine(_source, "sub", "copy")));
    }

    private void WriteSourceTree()
    {
        Write(_source, "a.txt", "alpha");
        Write(_source, "b.txt", "beta");
        Write(_source, "sub/c.txt", "gamma");
        Write(_source, "sub/deeper/d.txt", "delta");
    }

    private void Configure(bool delete) =>
        _test.Configure("folder", settings: new Dictionary<string, object?>
        {
            ["Source"] = _source,
            ["Destination"] = _destination,
            ["Delete"] = delete,
        });

    private Task<SyncResult> RunAsync() => _test.RunAsync("folder");
}
