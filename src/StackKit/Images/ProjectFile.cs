namespace StackKit.Images;

/// <summary>Finds the project to publish: a <c>.csproj</c> file, or a folder holding exactly one.</summary>
internal static class ProjectFile
{
    /// <exception cref="ImagePublishException">No such file or folder, or a folder with no project or several.</exception>
    public static FileInfo Find(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("Name the project to publish: a .csproj file or its folder.", nameof(path));
        }
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? new FileInfo(full)
                : throw new ImagePublishException(ImagePublishStage.Prepare, $"'{full}' is not a C# project (.csproj); name the service's project file or its folder.");
        }
        if (!Directory.Exists(full))
        {
            throw new ImagePublishException(ImagePublishStage.Prepare,
                $"Project '{full}' does not exist. Name a .csproj file or its folder: the stock server (src/StackKit.Server) or your own ASP.NET Core project (dotnet new stackkit-service).");
        }
        var projects = Directory.GetFiles(full, "*.csproj");
        return projects.Length switch
        {
            1 => new FileInfo(projects[0]),
            0 => throw new ImagePublishException(ImagePublishStage.Prepare,
                $"Folder '{full}' holds no .csproj file. Name the service's project folder (the stock server's is src/StackKit.Server), or make one with dotnet new stackkit-service."),
            _ => throw new ImagePublishException(ImagePublishStage.Prepare,
                $"Folder '{full}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName))}); name the one to publish."),
        };
    }
}
