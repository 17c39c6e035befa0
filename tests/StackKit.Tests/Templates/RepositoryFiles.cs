namespace StackKit.Tests.Templates;

/// <summary>Files of this repository, found from the test binaries by walking up to the folder holding StackKit.slnx.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StackKit.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds StackKit.slnx.");
    });

    public static string PathOf(params string[] relative) => Path.Combine([Root.Value, .. relative]);
}
