using System;
using System.Collections.Generic;
using System.IO;
using LiteDB;
using PluginSync.Engine.Audit;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Secrets;

namespace PluginSync.Engine.Storage;

/// <summary>
/// The LiteDB store: configurations, history and plugin state in one file. The file is opened by its full
/// path in Shared mode, so several processes can use it at once; inside one process every call goes through
/// one gate, because LiteDB's shared engine is not meant to be entered by two threads at the same time.
/// </summary>
public sealed class SyncStore : IDisposable
{
    internal const string ConfigurationCollection = "configurations";
    internal const string HistoryCollection = "history";
    internal const string StateCollection = "states";
    internal const string LockCollection = "locks";
    internal const string PluginPathCollection = "plugin_paths";
    internal const string AuditCollection = "audit";
    internal const string MetaCollection = "meta";
    private const string KeyCheckId = "master-key";
    internal const string RollupCollection = "history_rollups";

    private readonly object _gate = new();
    private readonly LiteDatabase _database;
    private readonly Lazy<SecretProtector> _protector;
    private bool _disposed;
    private bool _failed;
    private int _transactionDepth;

    private SyncStore(string folder, string filePath, LiteDatabase database, EngineOptions options)
    {
        Options = options;
        Folder = folder;
        FilePath = filePath;
        _database = database;
        _protector = new Lazy<SecretProtector>(CreateProtector);
        Configurations = new ConfigurationRepository(this);
        History = new HistoryRepository(this);
        States = new StateRepository(this);
        PluginPaths = new PluginPathRepository(this);
        Audit = new AuditRepository(this);
        Statistics = new StatisticsRepository(this);
    }

    /// <summary>How runs are judged stale and kept alive.</summary>
    public EngineOptions Options { get; }

    /// <summary>The runs this open found stale and closed as Abandoned.</summary>
    public IReadOnlyList<HistoryRecord> RecoveredRuns { get; private set; } = Array.Empty<HistoryRecord>();

    /// <summary>The folder holding the store file and its key file.</summary>
    public string Folder { get; }

    /// <summary>The store file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Stored plugin configurations.</summary>
    public ConfigurationRepository Configurations { get; }

    /// <summary>History records, one per run.</summary>
    public HistoryRepository History { get; }

    /// <summary>Per-plugin statistics of history, read from daily rollups.</summary>
    public StatisticsRepository Statistics { get; }

    /// <summary>The audit trail of every change.</summary>
    public AuditRepository Audit { get; }

    /// <summary>The registered plugin directories.</summary>
    public PluginPathRepository PluginPaths { get; }

    /// <summary>Each plugin's saved state.</summary>
    public StateRepository States { get; }

    /// <summary>Encrypts and decrypts credentials. The master key is loaded, or created, on first use.</summary>
    internal SecretProtector Protector => _protector.Value;

    /// <summary>
    /// Opens the store in <paramref name="folder"/>, or in the folder <see cref="StoreLocation"/> resolves.
    /// A store file that is not a readable LiteDB file is reported by its path and left untouched. Runs that went
    /// stale since the store was last used are closed as Abandoned (see <see cref="RecoveredRuns"/>).
    /// </summary>
    public static SyncStore Open(string? folder = null, EngineOptions? options = null)
    {
        var resolved = StoreLocation.ResolveFolder(folder);
        CreateFolder(resolved);

        var filePath = Path.Combine(resolved, StoreLocation.FileName);
        var existed = CheckExistingFile(filePath);
        var connection = new ConnectionString
        {
            Filename = filePath,
            Connection = ConnectionType.Shared,
            Upgrade = false,
            AutoRebuild = false,
        };

        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(connection);
            var store = new SyncStore(resolved, filePath, database, options ?? EngineOptions.FromEnvironment());
            store.Initialize();
            if (!existed)
            {
                // Settings, history and ciphertexts are the owner's business, also in a folder others can read.
                Secrets.UnixFileMode.Restrict(filePath, Secrets.UnixFileMode.OwnerReadWrite);
            }

            store.BuildMissingRollups();
            store.RecoveredRuns = new RunLockService(store, store.Options).RecoverStaleRuns();
            return store;
        }
        catch (Exception e)
        {
            database?.Dispose();
            throw e switch
            {
                PluginSyncException known => known,
                IOException or UnauthorizedAccessException when existed => Unreadable(filePath, e),
                IOException or UnauthorizedAccessException => NotWritable(filePath, e),
                _ => StoreFileCheck.Corrupt(filePath, e.Message, e),
            };
        }
    }

    /// <summary>
    /// Whether a store file exists in <paramref name="folder"/> (or the resolved folder), without creating
    /// one.
    /// </summary>
    public static bool Exists(string? folder = null) =>
        File.Exists(Path.Combine(StoreLocation.ResolveFolder(folder), StoreLocation.FileName));

    /// <summary>
    /// Whether the store folder exists or could be created: false when a part of its path is a file, the one case
    /// that no amount of waiting or permissions can fix.
    /// </summary>
    public static bool CanCreate(string? folder = null)
    {
        var path = StoreLocation.ResolveFolder(folder);
        while (!string.IsNullOrEmpty(path))
        {
            if (Directory.Exists(path))
            {
                return true;
            }

            if (File.Exists(path))
            {
                return false;
            }

            path = Path.GetDirectoryName(path);
        }

        return true;
    }

    /// <summary>The size in bytes of the store file and of its log file, which holds writes not yet checkpointed.
    /// </summary>
    public long FileSize => Use(_ => Length(FilePath) + Length(LogFilePath));

    /// <summary>
    /// Rewrites the store file without its free pages, so removed records give their space back (see
    /// <see cref="StoreCompaction"/>). Other processes that use the store wait for it and then carry on with the
    /// compacted file.
    /// </summary>
    public void Compact() => Use(db => StoreCompaction.Run(db, FilePath));

    /// <summary>Runs <paramref name="action"/> against the database inside the store's gate.</summary>
    internal T Use<T>(Func<LiteDatabase, T> action)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                return action(_database);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw NotWritable(FilePath, e);
            }
            catch (Exception e) when (e is LiteException or System.Text.DecoderFallbackException or InvalidCastException
                                          or FormatException or OverflowException or IndexOutOfRangeException)
            {
                // Whatever LiteDB could not read, it must not be asked to write back: no checkpoint, no more calls.
                _failed = true;
                throw new PluginSyncException(
                    "StoreOperationFailed",
                    PluginSyncErrorKind.InvalidData,
                    $"The store file '{FilePath}' could not be read or written ({e.Message}). Nothing more was " +
                    "written to it by this command.",
                    FilePath,
                    e);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> as one transaction: all of it is written, or none of it. In Shared mode the
    /// transaction holds the store's lock across processes from start to end, so a read-modify-write inside it
    /// cannot interleave with another process's. A transaction inside a transaction joins the outer one.
    /// </summary>
    internal T Transaction<T>(Func<LiteDatabase, T> action) => Use(db =>
    {
        if (_transactionDepth > 0)
        {
            return action(db);
        }

        db.BeginTrans();
        _transactionDepth++;
        try
        {
            var result = action(db);
            db.Commit();
            return result;
        }
        catch
        {
            db.Rollback();
            throw;
        }
        finally
        {
            _transactionDepth--;
        }
    });

    /// <summary>Writes the log file back into the store file and closes it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (!_failed)
                {
                    _database.Checkpoint();
                }
            }
            catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException)
            {
                // The log file stays beside the store and is replayed by the next open; nothing is lost.
            }

            _database.Dispose();
        }
    }

    private string LogFilePath => StoreCompaction.LogFileOf(FilePath);

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>
    /// Checks an existing store file before LiteDB opens it; returns whether there is one. The checks read without
    /// the store's lock, and another process may be compacting the file (rewriting it whole) at that moment, so a
    /// file that looks damaged is looked at again for a while: only damage that stays is reported.
    /// </summary>
    private static bool CheckExistingFile(string filePath)
    {
        const int Looks = 20;
        for (var look = 1; ; look++)
        {
            try
            {
                if (!File.Exists(filePath))
                {
                    return false;
                }

                // A store that lost its content (a power cut on some file systems) must not pass for a new one.
                if (new FileInfo(filePath).Length == 0)
                {
                    throw StoreFileCheck.Corrupt(
                        filePath, "it is empty; delete the empty file if no store was meant to be there yet", null);
                }

                StoreFileCheck.Verify(filePath);
                return true;
            }
            catch (PluginSyncException e) when (e.ErrorId == "StoreFileCorrupt" && look < Looks)
            {
                System.Threading.Thread.Sleep(100);
            }
            catch (FileNotFoundException) when (look < Looks)
            {
                System.Threading.Thread.Sleep(100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(filePath, e);
            }
        }
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                return;
            }

            Directory.CreateDirectory(folder);
            Secrets.UnixFileMode.Restrict(folder, Secrets.UnixFileMode.OwnerAll);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new PluginSyncException(
                "StoreFolderNotWritable",
                PluginSyncErrorKind.ResourceUnavailable,
                $"The store folder '{folder}' cannot be created: {e.Message} Point {StoreLocation.HomeVariable} " +
                "at a folder you can write to.",
                folder,
                e);
        }
    }

    private static PluginSyncException Unreadable(string filePath, Exception e) => new(
        "StoreFileUnreadable",
        PluginSyncErrorKind.ResourceUnavailable,
        $"The store file '{filePath}' cannot be opened: {e.Message}",
        filePath,
        e);

    private static PluginSyncException NotWritable(string filePath, Exception e) => new(
        "StoreNotWritable",
        PluginSyncErrorKind.ResourceUnavailable,
        $"The store file '{filePath}' cannot be written: {e.Message} Point {StoreLocation.HomeVariable} at a " +
        "folder you can write to.",
        filePath,
        e);

    /// <summary>
    /// Loads the master key and checks it against the key check stored with the first credential, so a missing
    /// key file is never silently replaced and a wrong key is named before it encrypts anything.
    /// </summary>
    private SecretProtector CreateProtector()
    {
        var stored = Use(db => db.GetCollection(MetaCollection).FindById(KeyCheckId)?["Check"].AsString);
        if (stored is not null && !MasterKeyProvider.HasKey(Folder))
        {
            throw new PluginSyncException(
                "MasterKeyMissing",
                PluginSyncErrorKind.SecurityError,
                $"The store holds credentials, but its key file '{MasterKeyProvider.KeyFilePath(Folder)}' is missing " +
                $"and {MasterKeyProvider.EnvironmentVariable} is not set. Restore the key file from a backup, or set " +
                $"{MasterKeyProvider.EnvironmentVariable}; a new key would leave the stored credentials unreadable.",
                MasterKeyProvider.KeyFilePath(Folder));
        }

        var protector = new SecretProtector(MasterKeyProvider.GetKey(Folder));
        if (stored is null)
        {
            Use(db => db.GetCollection(MetaCollection).Upsert(
                new BsonDocument { ["_id"] = KeyCheckId, ["Check"] = protector.KeyCheck }));
        }
        else if (!string.Equals(stored, protector.KeyCheck, StringComparison.Ordinal))
        {
            throw new PluginSyncException(
                "MasterKeyMismatch",
                PluginSyncErrorKind.SecurityError,
                $"The master key from {MasterKeyProvider.SourceOf(Folder)} is not the key the store's credentials " +
                "were encrypted with. Use that key (the key file that was beside the store, or the same " +
                $"{MasterKeyProvider.EnvironmentVariable}).",
                MasterKeyProvider.SourceOf(Folder));
        }

        return protector;
    }

    private void Initialize() => Use(db =>
    {
        if (!db.UtcDate)
        {
            db.UtcDate = true;
        }

        var history = db.GetCollection(HistoryCollection, BsonAutoId.Int64);
        history.EnsureIndex(HistoryRepository.PluginKeyField);
        history.EnsureIndex(HistoryRepository.StatusField);
        history.EnsureIndex(HistoryRepository.StartTimeField);
        history.EnsureIndex(HistoryRepository.NewestIndex, HistoryRepository.NewestExpression);
        RollupRepository.Collection(db).EnsureIndex(DailyRollup.PluginKeyField);
        return true;
    });

    // A store written before rollups existed gets them once, before anything closes a record into them (stale runs
    // are recovered after this). Asked cheaply first, then again inside the transaction, because another process
    // may build them at the same moment.
    private void BuildMissingRollups()
    {
        if (!Use(RollupRepository.AreMissing))
        {
            return;
        }

        Transaction(db => RollupRepository.AreMissing(db) ? RollupRepository.RebuildAll(db) : 0);
    }

    private void ThrowIfDisposed()
    {
        if (_failed)
        {
            throw new PluginSyncException(
                "StoreOperationFailed",
                PluginSyncErrorKind.InvalidData,
                $"The store file '{FilePath}' failed earlier in this command and is not used again by it.",
                FilePath);
        }

        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(SyncStore), $"The store '{FilePath}' is closed.");
        }
    }
}
