using System.Management.Automation;
using StackKit.Logs;
using StackKit.PowerShell.Output;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Builds a service project into an image and pushes it to the stack's own repository or any registry; -Deploy rolls it out.</para>
/// <para type="description">Builds the project (the stock StackKit.Server, or your own ASP.NET Core project that
/// references StackKit.Server and calls MapHttpService; dotnet new stackkit-service makes one) with the .NET SDK's
/// container support: no Docker is needed, the .NET SDK is. The image is pushed to the stack's own repository (its
/// ImageRepositoryUri output) or to -Repository, any OCI registry (plain HTTP only to one on this machine,
/// localhost:PORT). Its tag is the project's version and the git commit (VERSION-COMMIT; for uncommitted changes
/// VERSION-COMMIT-dirty.TIME), never latest, and the result names the image by digest. The image is built for
/// linux/amd64, and for linux/arm64 too when the stack's instance type is Graviton (t4g, m7g, c7gn...). The build's
/// lines are shown as progress and verbose output. With -Deploy the stack is updated to the pushed digest; piping the
/// result into Update-HttpServiceStack does the same. A build or push that fails stops here: nothing is deployed.
/// ECR logins come from ECR's GetAuthorizationToken with your AWS credentials and go to the push alone.</para>
/// </summary>
/// <example>
/// <code>Publish-HttpServiceImage -Path ./MyService -StackName web -Deploy</code>
/// <para>Builds ./MyService, pushes it to stack web's own repository and rolls the servers onto it.</para>
/// </example>
/// <example>
/// <code>Publish-HttpServiceImage -Path ./MyService -Repository registry.example.com/team/web | Update-HttpServiceStack -StackName web</code>
/// <para>Pushes to another registry (docker login credentials), then rolls stack web onto the image by digest.</para>
/// </example>
[Cmdlet(VerbsData.Publish, "HttpServiceImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "publish-httpserviceimage")]
[OutputType(typeof(ImagePublishResult), typeof(HttpServiceStackInfo))]
public sealed class PublishHttpServiceImageCommand : StackKitCmdlet
{
    /// <summary>The service project: a .csproj file or its folder. Default: the current folder.</summary>
    [Parameter(Position = 0)]
    [Alias("ProjectPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>The stack whose repository receives the image and whose instance type picks the platforms; with -Deploy, the stack rolled onto it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string? StackName { get; set; }

    /// <summary>Any registry's repository, REGISTRY/REPOSITORY (no tag), instead of the stack's own.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Repository { get; set; }

    /// <summary>The base image instead of the project's ContainerBaseImage (a mirror, or a stand-in where the public base cannot be pulled).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaseImage { get; set; }

    /// <summary>Rolls -StackName onto the pushed image (Update-HttpServiceStack -DockerImage) once the push succeeded.</summary>
    [Parameter]
    public SwitchParameter Deploy { get; set; }

    /// <summary>The longest the build and push may take, in minutes (default 30); it is stopped after that and nothing is deployed.</summary>
    [Parameter]
    [ValidateRange(1, 1440)]
    public int? BuildTimeoutMinutes { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Deploy && StackName is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Deploy needs -StackName: name the stack to roll onto the new image."), "DeployWithoutStack", ErrorCategory.InvalidArgument, null));
        }
        var request = new ImagePublishRequest
        {
            ProjectPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path),
            StackName = StackName,
            Repository = Repository,
            BaseImage = BaseImage,
            BuildTimeout = BuildTimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : ImagePublishRequest.DefaultBuildTimeout,
        };
        var target = StackName ?? Repository!;
        if (!ShouldProcess(Repository ?? $"repository of stack {StackName}", $"Build {Path} and push the image" + (Deploy ? $", then roll stack {StackName} onto it" : string.Empty)))
        {
            return;
        }
        ImagePublishResult image;
        var record = new ProgressRecord(activityId: 2, $"Publishing {Path}", "Starting");
        try
        {
            _ = Connection;
            image = AsyncOperationRunner.Run<ImagePublishResult, string>(
                (progress, token) => Stacks.PublishImageAsync(request, progress, token),
                line =>
                {
                    // The build's own lines: printable text only, so nothing in them drives the terminal.
                    var text = TerminalText.Escape(line);
                    WriteVerbose(text);
                    if (text.Trim().Length > 0)
                    {
                        record.StatusDescription = text.Trim();
                        WriteProgress(record);
                    }
                },
                CancellationToken);
        }
        catch (Exception error) when (error is ImagePublishException or ArgumentException || ErrorRecordFor(error, target) is not null)
        {
            WritePublishError(error, target);
            return;
        }
        finally
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
        if (!Deploy)
        {
            WriteObject(image);
            return;
        }
        WriteInformation(new HostInformationMessage { Message = $"Pushed {image.DockerImage}; rolling stack {StackName} onto it." }, ["PSHOST"]);
        try
        {
            var result = RunWithProgress(
                $"Updating stack {StackName}",
                (progress, warnings, token) => Stacks.UpdateAsync(StackName!, new HttpServiceStackUpdate { DockerImage = image.DockerImage, Warnings = warnings }, progress, token));
            WriteObject(Output(result.Stack));
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    private void WritePublishError(Exception error, object target)
    {
        var record = error switch
        {
            ArgumentException bad => new ErrorRecord(bad, "InvalidImageDestination", ErrorCategory.InvalidArgument, target),
            _ => ErrorRecordFor(error, target)!,
        };
        WriteError(record);
    }
}
