using System;
using System.IO;
using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Damaged store files of several shapes, each made from fixed pseudo-random bytes.</summary>
    public static TheoryData<string> DamageKinds => new()
    {
        "short garbage",
        "one page of garbage",
        "garbage not a whole number of pages",
        "text",
        "sound header, garbage after it",
        "sound header only",
    };

    [Fact]
    public void OpensANewStoreAndCreatesItsFolderAndFile()
    {
        var folder = _temp.Combine("a", "b", "store");

        using var store = SyncStore.Open(folder);

        Assert.Equal(folder, store.Folder);
        Assert.Equal(Path.Combine(folder, StoreLocation.FileName), store.FilePath);
        Assert.True(File.Exists(store.FilePath));
    }

    [Fact]
    public void CreatesTheStoreFolderForItsOwnerOnly()
    {
        var folder = _temp.Combine("store");

        using var store = SyncStore.Open(folder);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void OpeningCreatesNoKeyFileUntilACredentialIsNeeded()
    {
        var folder = _temp.Combine("store");

        using (SyncStore.Open(folder))
        {
        }

        Assert.Equal(new[] { StoreLocation.FileName }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ReopensAnExistingStoreWithItsData()
    {
        var folder = _temp.Combine("store");
        using (var store = SyncStore.Open(folder))
        {
            store.States.Save("example", "bookmark-1", 1);
        }

        using var reopened = SyncStore.Open(folder);

        Assert.Equal("bookmark-1", reopened.States.Get("example"));
    }

    [Fact]
    public void TwoStoresOnOneFolderSeeEachOthersWrites()
    {
        var folder = _temp.Combine("store");
        using var first = SyncStore.Open(folder);
        using var second = SyncStore.Open(folder);

        first.States.Save("example", "from-first", 1);

        Assert.Equal("from-first", second.States.Get("example"));
    }

    [Fact]
    public void RefusesARelativeFolder()
    {
        var error = Assert.Throws<PluginSyncException>(() => SyncStore.Open(Path.Combine("relative", "store")));

        Assert.Equal("StoreFolderInvalid", error.ErrorId);
        Assert.Contains(Path.Combine("relative", "store"), error.Message);
    }

    [Fact]
    public void ReportsAFolderThatCannotBeCreatedByItsName()
    {
        var blocker = _temp.WriteFile("plain-file", "this is a file, not a folder");
        var folder = Path.Combine(blocker, "store");

        var error = Assert.Throws<PluginSyncException>(() => SyncStore.Open(folder));

        Assert.Equal("StoreFolderNotWritable", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.ResourceUnavailable, error.Kind);
        Assert.Contains(folder, error.Message);
        Assert.Equal("this is a file, not a folder", File.ReadAllText(blocker));
    }

    [Theory]
    [MemberData(nameof(DamageKinds))]
    public void ReportsADamagedStoreFileByItsPathAndLeavesItUntouched(string damage)
    {
        var folder = _temp.Combine("store");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, StoreLocation.FileName);
        var bytes = Damaged(damage);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<PluginSyncException>(() => SyncStore.Open(folder));

        Assert.Equal("StoreFileCorrupt", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidData, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Equal(path, error.Target);
        Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes), "The damaged store file was changed.");
        Assert.Equal(new[] { StoreLocation.FileName }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ADamagedStoreFileIsReportedAgainOnTheNextOpen()
    {
        var folder = _temp.Combine("store");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, StoreLocation.FileName);
        File.WriteAllBytes(path, Damaged("short garbage"));

        Assert.Throws<PluginSyncException>(() => SyncStore.Open(folder));
        var error = Assert.Throws<PluginSyncException>(() => SyncStore.Open(folder));

        Assert.Equal("StoreFileCorrupt", error.ErrorId);
    }

    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        var store = SyncStore.Open(_temp.Combine("store"));

        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.States.Get("example"));
    }

    [Fact]
    public void DisposingLeavesOnlyTheStoreFileBehind()
    {
        var folder = _temp.Combine("store");
        using (var store = SyncStore.Open(folder))
        {
            for (var i = 0; i < 20; i++)
            {
                store.States.Save($"plugin-{i}", new string('x', 1000), i);
            }
        }

        Assert.Equal(new[] { StoreLocation.FileName }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ResolvesAnAbsoluteFolderToItsFullPath()
    {
        var folder = _temp.Combine("a", "..", "b");

        Assert.Equal(_temp.Combine("b"), StoreLocation.ResolveFolder(folder));
    }

    private byte[] Damaged(string damage)
    {
        var random = new Random(damage.Length);
        byte[] Garbage(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        switch (damage)
        {
            case "short garbage":
                return Garbage(100);
            case "one page of garbage":
                return Garbage(8192);
            case "garbage not a whole number of pages":
                return Garbage(20000);
            case "text":
                return System.Text.Encoding.UTF8.GetBytes("this is not a database\n");
        }

        var sound = SoundStoreFile();
        if (damage == "sound header only")
        {
            return sound.AsSpan(0, 8192).ToArray();
        }

        var damaged = (byte[])sound.Clone();
        Garbage(damaged.Length - 8192).CopyTo(damaged, 8192);
        return damaged;
    }

    /// <summary>The bytes of a store file that holds a configuration, a state and some history.</summary>
    private byte[] SoundStoreFile()
    {
        using var test = new TestStore();
        test.ConfigureExample();
        test.Store.States.Save("example", "state", 1);
        test.Store.Dispose();
        return File.ReadAllBytes(Path.Combine(test.Folder, StoreLocation.FileName));
    }

    [Fact]
    public void OpensAStoreWhoseLogFileHoldsWritesNotYetCheckpointed()
    {
        var folder = _temp.Combine("store");
        SyncStore.Open(folder).Dispose();
        var file = System.IO.Path.Combine(folder, StoreLocation.FileName);
        var log = StoreFileCheck.LogFileOf(file);
        var kept = log + ".kept";
        using (var direct = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = file }))
        {
            direct.CheckpointSize = 0;
            direct.GetCollection("scratch").Insert(new LiteDB.BsonDocument { ["n"] = 1 });
            File.Copy(log, kept);
        }

        File.Copy(kept, log, overwrite: true);

        using var store = SyncStore.Open(folder);
        Assert.Empty(store.Configurations.All());
    }

    [Fact]
    public void ReportsADamagedLogFileByItsPathAndLeavesBothFilesUntouched()
    {
        var folder = _temp.Combine("store");
        SyncStore.Open(folder).Dispose();
        var file = System.IO.Path.Combine(folder, StoreLocation.FileName);
        var log = StoreFileCheck.LogFileOf(file);
        var garbage = new byte[8192 * 2];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(log, garbage);
        var storeBefore = File.ReadAllBytes(file);

        var error = Assert.Throws<PluginSyncException>(() => SyncStore.Open(folder));

        Assert.Equal("StoreFileCorrupt", error.ErrorId);
        Assert.Contains(log, error.Message);
        Assert.Equal(storeBefore, File.ReadAllBytes(file));
        Assert.Equal(garbage, File.ReadAllBytes(log));
    }

    [Fact]
    public async System.Threading.Tasks.Task AMissingKeyFileIsNotReplacedWhileTheStoreHoldsCredentials()
    {
        using var test = new TestStore();
        test.ConfigureExample();
        var keyFile = Secrets.MasterKeyProvider.KeyFilePath(test.Folder);
        File.Delete(keyFile);
        using var reopened = SyncStore.Open(test.Folder);

        var result = await new Execution.SyncExecutor(reopened, test.Registry).RunAsync("example", null, default);

        Assert.Equal(Execution.SyncErrorType.NotConfigured, result.ErrorType);
        Assert.Contains(keyFile, result.Error);
        Assert.False(File.Exists(keyFile), "A new key file was created beside credentials it cannot decrypt.");
    }

    [Fact]
    public void ANewStoreFileIsReadableByItsOwnerOnlyEvenInAFolderOthersCanRead()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = _temp.Combine("shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ED); // 0755

        SyncStore.Open(folder).Dispose();

        var mode = File.GetUnixFileMode(System.IO.Path.Combine(folder, StoreLocation.FileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
