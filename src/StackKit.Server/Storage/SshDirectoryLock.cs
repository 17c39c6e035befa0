namespace StackKit.Server.Storage;

/// <summary>
/// The <c>.ssh</c> directory and the lock every store on it takes, in any process: the directory and
/// <c>authorized_keys.d</c> are made (mode 0700) when missing, never through a symbolic link, and each change to them
/// is durable; then an exclusive flock on <c>.authorized_keys.lock</c>.
/// </summary>
internal sealed class SshDirectoryLock(string sshDirectory, string keysDirectory)
{
    private const string LockFileName = ".authorized_keys.lock";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Runs <paramref name="work"/> holding the lock.</summary>
    public T Run<T>(Func<T> work)
    {
        if (PrepareDirectory(sshDirectory))
        {
            DurableFile.SyncDirectory(Path.GetDirectoryName(sshDirectory)!);
        }

        var lockFd = LibC.OpenLockFile(Path.Combine(sshDirectory, LockFileName));
        try
        {
            LibC.LockExclusively(lockFd, sshDirectory);
            if (PrepareDirectory(keysDirectory))
            {
                DurableFile.SyncDirectory(sshDirectory);
            }

            return work();
        }
        finally
        {
            LibC.CloseFile(lockFd);
        }
    }

    /// <summary>Throws when <paramref name="path"/> is a symbolic link: the store never writes through one.</summary>
    public static void RefuseSymlink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"'{path}' is a symbolic link (to '{info.LinkTarget}'); refusing to write through it. Replace it with a real {(Directory.Exists(path) ? "directory" : "file")}.");
        }
    }

    /// <summary>Creates the directory with mode 0700 if missing; returns true when it was created.</summary>
    private static bool PrepareDirectory(string directory)
    {
        RefuseSymlink(directory);
        if (Directory.Exists(directory))
        {
            return false;
        }

        Directory.CreateDirectory(directory, OwnerOnly);
        return true;
    }
}
