using System.Globalization;
using System.Text.RegularExpressions;

namespace StackKit.Images;

/// <summary>
/// The image tag: <c>VERSION-COMMIT</c> (the project's version, the git commit's short hash), and for a tree with
/// uncommitted changes <c>VERSION-COMMIT-dirty.YYYYMMDDTHHMMSSZ</c>: repositories keep tags immutable, so two
/// publishes of different uncommitted trees need two tags. Never <c>latest</c>.
/// </summary>
internal static class SourceTag
{
    // The OCI tag grammar, less '+' of SemVer build metadata, which a tag cannot hold.
    private static readonly Regex Unsafe = new("[^A-Za-z0-9_.-]", RegexOptions.CultureInvariant);

    /// <exception cref="ImagePublishException">No git, or the project is in no git repository with a commit.</exception>
    public static async Task<string> DeriveAsync(string version, string projectFolder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var git = ToolRun.FindOnPath("git")
            ?? throw new ImagePublishException(ImagePublishStage.Prepare, "git was not found on PATH; the image's tag names the git commit it was built from. Install git.");
        var environment = new Dictionary<string, string?> { ["GIT_OPTIONAL_LOCKS"] = "0" };
        const string advice = "It takes seconds: check that git works in that folder (a lock, a hook, or a prompt nobody answers).";
        var commitStep = new ToolStep($"Reading the git commit of '{projectFolder}' (git rev-parse)", ImagePublishStage.Prepare, ToolStep.QueryLimit, advice);
        var (commitExit, commit) = await ToolRun.RunAsync(commitStep, git, ["rev-parse", "--short", "HEAD"], projectFolder, environment, null, cancellationToken).ConfigureAwait(false);
        if (commitExit != 0 || commit.Count == 0)
        {
            throw new ImagePublishException(ImagePublishStage.Prepare,
                $"'{projectFolder}' is not in a git repository with a commit; the image's tag names the commit it was built from. Commit the project first (git init; git add -A; git commit -m 'First version').");
        }
        var statusStep = commitStep with { Description = $"Reading the uncommitted changes of '{projectFolder}' (git status)" };
        var (statusExit, changes) = await ToolRun.RunAsync(statusStep, git, ["status", "--porcelain"], projectFolder, environment, null, cancellationToken).ConfigureAwait(false);
        var dirty = statusExit != 0 || changes.Any(line => line.Trim().Length > 0);
        var tag = $"{Unsafe.Replace(version, "_")}-{commit[0].Trim()}";
        return dirty ? $"{tag}-dirty.{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}" : tag;
    }
}
