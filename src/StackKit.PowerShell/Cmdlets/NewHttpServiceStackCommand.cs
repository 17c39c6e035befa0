using System.Collections;
using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.HttpService;
using StackKit.PowerShell.Validation;
using StackKit.Preflight;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Deploys the auto-scaling HTTP service as a new CloudFormation stack and waits until it answers.</para>
/// <para type="description">Builds the HTTP service template (a new VPC, a load balancer on port 80, 1 to 5 Docker hosts
/// that scale on requests per minute), checks the stack name and every parameter locally, then checks in seconds what
/// would make every launch fail (the key pair and the AMI exist in the region, the instance type runs the AMI and is
/// offered in the stack's zones, the image can be pulled anonymously; -SkipPreflight skips this), creates the stack and waits,
/// showing each resource as it is created (stack events with -Verbose). It returns the stack, whose Url answers once the
/// first server is up. A failed deploy names the earliest failed resource and its reason, and says how to clean up.
/// Ctrl-C stops waiting, never the stack. When the default image is not published yet (its registry says it is not
/// there), it asks whether to build the stock server of this checkout with the .NET SDK into a private ECR repository
/// the stack owns and deploy that (-BuildImage agrees beforehand): the stack is then created holding that repository
/// alone, the image is pushed to it, and the stack is updated to the full service running the image by digest.</para>
/// </summary>
/// <example>
/// <code>New-HttpServiceStack -SshKeyName my-key -Region eu-west-1</code>
/// <para>Deploys the service with the default image under the name &lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt; and returns it with its Url.</para>
/// </example>
/// <example>
/// <code>New-HttpServiceStack -StackName web -DockerImage registry.example.com/web:1.4 -LoadBalancer Application -NoSshAccess -Tag @{ team = 'web' }</code>
/// <para>Deploys a named stack behind an Application Load Balancer, with no SSH at all, tagged for the team.</para>
/// </example>
/// <example>
/// <code>New-HttpServiceStack -StackName web -BuildImage</code>
/// <para>Before StackKit's release image is published: builds the stock server of this checkout, pushes it to the stack's own ECR repository and deploys it by digest.</para>
/// </example>
/// <example>
/// <code>New-HttpServiceStack -StackName demo -EndpointUrl http://127.0.0.1:5000 -WhatIf</code>
/// <para>Says what would be created, and where, and lists each resource of the template, without calling AWS.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SshAccessSet,
    HelpUri = HelpLinks.Base + "new-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo))]
public sealed class NewHttpServiceStackCommand : HttpServiceParameterCmdlet, IDynamicParameters
{
    private readonly TemplateOptionParameters _options = TemplateOptionParameters.ForTemplate(withParameterSets: true);

    /// <summary>
    /// The stack name: a letter, then letters, digits and hyphens, at most 128 characters. Default:
    /// &lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt;.
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string? StackName { get; set; }

    /// <summary>Extra tags for the stack and its resources, e.g. @{ team = 'web' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Tag { get; set; }

    /// <summary>Returns as soon as CloudFormation accepted the stack, without waiting for it to finish.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>
    /// When the default image is not published (its registry says it is not there), builds the stock server of the
    /// StackKit checkout this module is loaded from with the .NET SDK, pushes it to a new private ECR repository the
    /// stack owns (kept when the stack is removed) and deploys that, without asking first. The stack is created with
    /// the repository alone, then updated to the full service once the image is pushed. An image that is there is
    /// deployed as always. Without it, New-HttpServiceStack asks.
    /// </summary>
    [Parameter]
    public SwitchParameter BuildImage { get; set; }

    /// <summary>With -BuildImage: any registry's repository, REGISTRY/REPOSITORY, receives the image instead of the stack's own (a loopback registry where there is no ECR, as on moto).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BuildRepository { get; set; }

    /// <summary>With -BuildImage: the base image instead of the stock server's (a mirror, or a stand-in where the public base cannot be pulled).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaseImage { get; set; }

    /// <summary>The template options' parameters, from the options' declarations.</summary>
    public object GetDynamicParameters() => _options.Parameters;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var name = StackName ?? DefaultStackName.For(Environment.UserName, DateTimeOffset.Now);
        var template = _options.ApplyTo(new HttpServiceOptions());
        // One request; the core reports the checks' warnings and the build's lines through the runner that writes them.
        HttpServiceStackRequest Request(IProgress<PreflightWarning>? warnings, ImagePublishRequest? build = null, IProgress<string>? lines = null) => new()
        {
            StackName = name,
            Template = template,
            DockerImage = DockerImage,
            InstanceType = InstanceType,
            AmiId = AmiId,
            SshKeyName = SshKeyName,
            SshCidr = SshCidr,
            ServiceCredential = GivenCredential(),
            Tags = Tags(),
            SkipPreflight = SkipPreflight,
            Warnings = warnings,
            BuildImage = build,
            BuildProgress = lines,
        };
        var parameters = DescribeGiven();
        var action = $"Create the HTTP service stack ({template.Summary}) in {RegionWithoutConnecting()}" +
            (parameters.Length > 0 ? $" with {parameters}" : " with the template's default parameters");
        if (!ShouldProcess(name, action))
        {
            if (WhatIfInEffect())
            {
                if (ShowResources(Request(null)))
                {
                    ShowCost(Request(null));
                }
            }
            return;
        }
        WriteVerbose($"Creating stack {name}.");
        try
        {
            HttpServiceStack Create(ImagePublishRequest? build) => RunWithProgress(
                $"Creating stack {name}",
                (progress, warnings, lines, token) => Stacks.CreateAsync(Request(warnings, build, lines), progress, token));
            var build = BuildImage ? StockServerBuild() : null;
            HttpServiceStack stack;
            try
            {
                stack = NoWait
                    ? RunWithWarnings((warnings, token) => Stacks.StartCreateAsync(Request(warnings, build), token))
                    : Create(build);
            }
            catch (PreflightException missing) when (missing.DefaultImageMissing && !NoWait && !BuildImage)
            {
                if (!AgreesToBuild(name, missing))
                {
                    throw;
                }
                stack = Create(StockServerBuild());
            }
            WarnUnconfirmedSubscription(stack);
            // The same object Get-HttpServiceStack writes, capacity included.
            WriteObject(Output(stack));
        }
        catch (Exception error) when (ErrorRecordFor(error, name) is not null)
        {
            WriteStackError(error, name);
        }
    }

    /// <summary>
    /// Asks before building the stock server in place of the missing default image. A host that cannot ask (a
    /// non-interactive session) answers no: the refusal then says to add -BuildImage.
    /// </summary>
    private bool AgreesToBuild(string name, PreflightException missing)
    {
        var query = $"{missing.Message}{Environment.NewLine}{Environment.NewLine}Build it now? The .NET SDK builds the stock server from this checkout " +
            $"({StockServerProject() ?? "src/StackKit.Server"}; minutes, no Docker), it is pushed to " +
            (BuildRepository is null ? $"a new private ECR repository that stack {name} owns and keeps when it is removed" : BuildRepository) +
            $", and stack {name} is created in three steps: the repository alone, the image pushed there, then the service running it.";
        try
        {
            return ShouldContinue(query, "The default image is not published");
        }
        catch (Exception cannotAsk) when (cannotAsk is PSInvalidOperationException or System.Management.Automation.Host.HostException)
        {
            return false;
        }
    }

    /// <summary>The stock server's build: the project of the checkout this module is loaded from.</summary>
    private ImagePublishRequest StockServerBuild() => new()
    {
        ProjectPath = StockServerProject() ?? throw new ImagePublishException(ImagePublishStage.Prepare,
            $"-BuildImage builds the stock server (src/StackKit.Server) of the StackKit checkout this module is loaded from, and {MyInvocation.MyCommand.Module?.ModuleBase} is not one. " +
            "Import StackKit.psd1 from a clone of StackKit, or pass an image you built (-DockerImage; Publish-HttpServiceImage builds one)."),
        Repository = BuildRepository,
        BaseImage = BaseImage,
    };

    /// <summary>src/StackKit.Server beside the module's manifest, when the module is loaded from a checkout; else null.</summary>
    private string? StockServerProject()
    {
        var root = MyInvocation.MyCommand.Module?.ModuleBase;
        var project = root is null ? null : System.IO.Path.Combine(root, "src", "StackKit.Server", "StackKit.Server.csproj");
        return project is not null && File.Exists(project) ? project : null;
    }

    /// <summary>-WhatIf: the resources the template would create, read from the template alone (no call to AWS); false when the options are refused.</summary>
    private bool ShowResources(HttpServiceStackRequest request)
    {
        try
        {
            foreach (var resource in HttpServiceTemplate.Build(request.Template).Resources)
            {
                var condition = resource.Condition is null ? "" : $" (only if {resource.Condition.LogicalId})";
                WriteInformation(new HostInformationMessage { Message = $"What if: Add {resource.LogicalId} ({resource.Type}){condition}" }, ["PSHOST"]);
            }
            return true;
        }
        catch (ArgumentException invalid)
        {
            WriteStackError(invalid, request.StackName);
            return false;
        }
    }

    /// <summary>-WhatIf: what the stack would cost a month, from the AWS Price List (a few calls, kept on disk for a day).</summary>
    private void ShowCost(HttpServiceStackRequest request)
    {
        try
        {
            var estimate = Await(token => Stacks.EstimateCostAsync(request, token));
            foreach (var line in CostFormat.WhatIf(estimate))
            {
                WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST"]);
            }
            foreach (var missing in estimate.MissingPrices)
            {
                WriteWarning($"Price missing, left out of the cost: {missing}");
            }
        }
        catch (Exception error) when (error is ArgumentException or StackKitException)
        {
            // The template's resources are shown already; the cost is an extra that needs AWS credentials.
            WriteWarning($"The cost could not be estimated: {error.Message}");
        }
    }

    private Dictionary<string, string> Tags()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Tag ?? [])
        {
            tags[entry.Key.ToString() ?? string.Empty] = entry.Value?.ToString() ?? string.Empty;
        }
        return tags;
    }
}
