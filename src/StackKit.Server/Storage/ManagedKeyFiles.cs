using System.Security.Cryptography;
using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>
/// The managed keys' files in <c>authorized_keys.d</c>: one a key, named <c>sha256-&lt;hex&gt;</c> from its
/// fingerprint and holding its line; the service names and writes those files, nobody else. OpenSSH ≥ 10 can read
/// the directory directly, and skips the dotfiles the writes go through.
/// </summary>
internal sealed class ManagedKeyFiles(string directory)
{
    private const string Prefix = "sha256-";

    public string Directory { get; } = directory;

    /// <summary>The name of the file that holds <paramref name="key"/>.</summary>
    public static string NameOf(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(key.Blob)));
    }

    /// <summary>The file name for a fingerprint, or null for what is not one (<see cref="SshKeyFingerprint"/>).</summary>
    public static string? NameOf(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return SshKeyFingerprint.TryParse(fingerprint, out var hash) ? Prefix + Convert.ToHexStringLower(hash) : null;
    }

    public string PathOf(OpenSshPublicKey key) => Path.Combine(Directory, NameOf(key));

    /// <summary>The names of the managed key files there are.</summary>
    public List<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, Prefix + "*").Select(Path.GetFileName).OfType<string>().Where(IsName).ToList()
            : [];

    /// <summary>The line a key file holds, or null when it is not one line of a sane size (or not a regular file).</summary>
    public string? LineOf(string name)
    {
        var file = new FileInfo(Path.Combine(Directory, name));
        if (file.LinkTarget is not null || file.Length > OpenSshPublicKey.MaxLineBytes + 1)
        {
            return null;
        }

        var text = File.ReadAllText(file.FullName);
        return text.EndsWith('\n') && text.IndexOf('\n', StringComparison.Ordinal) == text.Length - 1 ? text[..^1] : null;
    }

    /// <summary>Writes the files (temp, fsync, rename, directory fsync); returns those written. A failure leaves none.</summary>
    public List<string> Write(List<(string Path, byte[] Line)> files)
    {
        var temps = files.ConvertAll(file => DurableFile.TempFor(file.Path));
        var committed = new List<string>();
        try
        {
            ConcurrentBlockingCalls.Run(Enumerable.Range(0, files.Count).ToList(), i => DurableFile.WriteTemp(temps[i], files[i].Line));
            for (var i = 0; i < files.Count; i++)
            {
                DurableFile.Commit(temps[i], files[i].Path);
                committed.Add(files[i].Path);
            }

            DurableFile.SyncDirectory(Directory);
            return committed;
        }
        catch
        {
            temps.ForEach(File.Delete);
            committed.ForEach(File.Delete);
            throw;
        }
    }

    /// <summary>Deletes the files (full paths), durably.</summary>
    public void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            File.Delete(path);
        }

        DurableFile.SyncDirectory(Directory);
    }

    /// <summary>Deletes the temp files a killed writer left behind.</summary>
    public void DeleteAbandonedTemps() => DurableFile.DeleteAbandonedTemps(Directory, IsName);

    private static bool IsName(string name) =>
        name.Length == Prefix.Length + (2 * SHA256.HashSizeInBytes)
        && name.StartsWith(Prefix, StringComparison.Ordinal)
        && DurableFile.IsLowerHex(name.AsSpan(Prefix.Length));
}
