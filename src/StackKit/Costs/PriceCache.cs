using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackKit.Costs;

/// <summary>
/// GetProducts' answers on disk for a day, one file a query (named by the query's SHA-256), so a second estimate makes
/// no call: under <c>$XDG_CACHE_HOME/stackkit/prices</c>, else <c>~/.cache/stackkit/prices</c>, or the local
/// application data folder on Windows. At most <see cref="MaxFiles"/> files: the oldest go first. A file that cannot
/// be read or written is a miss, never an error.
/// </summary>
internal sealed class PriceCache(string directory, TimeProvider time)
{
    /// <summary>How long a price is used before it is read again: AWS changes prices rarely, and announces it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private const int MaxFiles = 200;

    private static readonly Regex OwnName = new("^[0-9a-f]{64}\\.json$", RegexOptions.CultureInvariant);

    /// <summary>The folder prices are kept in.</summary>
    public string Directory { get; } = directory;

    /// <summary>The user's cache folder for prices.</summary>
    public static PriceCache ForUser(TimeProvider time)
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.OSVersion.Platform == PlatformID.Win32NT
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new PriceCache(Path.Combine(root, "stackkit", "prices"), time);
    }

    /// <summary>The products <paramref name="endpoint"/> answered for <paramref name="query"/> within the last day, or null.</summary>
    public IReadOnlyList<string>? Get(Uri endpoint, PriceQuery query)
    {
        var file = FileOf(endpoint, query);
        try
        {
            // A file dated in the future (a clock set back, or planted) never counts as fresh.
            var age = time.GetUtcNow() - File.GetLastWriteTimeUtc(file);
            if (!File.Exists(file) || age < TimeSpan.Zero || age > Lifetime)
            {
                return null;
            }
            var products = JsonSerializer.Deserialize<List<string?>>(File.ReadAllText(file));
            return products is null || products.Any(product => product is null) ? null : [.. products.Select(product => product!)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps what <paramref name="endpoint"/> answered for <paramref name="query"/>, dated now.</summary>
    public void Put(Uri endpoint, PriceQuery query, IReadOnlyList<string> products)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var file = FileOf(endpoint, query);
            // Written aside and renamed: a concurrent reader sees the old file or the new one, never half of one.
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(products));
            File.SetLastWriteTimeUtc(temporary, time.GetUtcNow().UtcDateTime);
            if (File.Exists(file))
            {
                File.Replace(temporary, file, null);
            }
            else
            {
                File.Move(temporary, file);
            }
            Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not cached: the next estimate asks again.
        }
    }

    private void Trim()
    {
        // Only the cache's own files (a SHA-256 a name) are ever deleted, whatever else shares the folder.
        var files = new DirectoryInfo(Directory).GetFiles("*.json").Where(file => OwnName.IsMatch(file.Name)).OrderByDescending(file => file.LastWriteTimeUtc).ToList();
        foreach (var old in files.Skip(MaxFiles))
        {
            old.Delete();
        }
    }

    private string FileOf(Uri endpoint, PriceQuery query)
    {
        var key = Encoding.UTF8.GetBytes(endpoint + "\n" + query.RequestKey);
#if NET
        var hash = SHA256.HashData(key);
#else
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(key);
#endif
        return Path.Combine(Directory, string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) + ".json");
    }
}
