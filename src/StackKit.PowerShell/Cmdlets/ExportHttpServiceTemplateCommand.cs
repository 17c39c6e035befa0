using System.Management.Automation;
using System.Text;
using StackKit.HttpService;
using StackKit.PowerShell.Validation;
using StackKit.Templates;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Writes the HTTP service's CloudFormation template as JSON or YAML, to a file or to the pipeline.</para>
/// <para type="description">Writes the template New-HttpServiceStack deploys, shaped by the same options, for review,
/// for the AWS CLI or for any other tool. With -Path the file is written whole or not at all; without it the template's
/// text goes to the pipeline as one string (-Format Json by default).</para>
/// </summary>
/// <example>
/// <code>Export-HttpServiceTemplate -Format Yaml | Select-String ImageId</code>
/// <para>Writes the template as YAML to the pipeline and shows the lines that set the instances' AMI.</para>
/// </example>
/// <example>
/// <code>Export-HttpServiceTemplate -Path ./http-service.yaml</code>
/// <para>Writes the default template as YAML with CloudFormation's short-form tags.</para>
/// </example>
/// <example>
/// <code>Export-HttpServiceTemplate -Path ./alb.json -LoadBalancer Application -AmiId ami-0123456789abcdef0</code>
/// <para>Writes the Application Load Balancer variant with a fixed AMI as the AmiId default.</para>
/// </example>
[Cmdlet(VerbsData.Export, "HttpServiceTemplate", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "export-httpservicetemplate")]
[OutputType(typeof(string))]
[OutputType(typeof(FileInfo))]
public sealed class ExportHttpServiceTemplateCommand : PSCmdlet, IDynamicParameters
{
    private readonly TemplateOptionParameters _options = TemplateOptionParameters.ForTemplate(withParameterSets: false);

    /// <summary>The file to write. Default: none, the template's text goes to the pipeline.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Json or Yaml. Default: from the file's extension (.yaml/.yml), else Json.</summary>
    [Parameter]
    public TemplateFormat? Format { get; set; }

    /// <summary>An AMI id baked in as the AmiId default. Default: none, the latest Amazon Linux 2023 from SSM.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.AmiId)]
    public string? AmiId { get; set; }

    /// <summary>Refuses to overwrite an existing file (with -Path).</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Writes the file's FileInfo (with -Path).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The template options' parameters, from the options' declarations.</summary>
    public object GetDynamicParameters() => _options.Parameters;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Path is null)
        {
            WriteObject(Render(Format ?? TemplateFormat.Json));
            return;
        }
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"'{Path}' is on the {provider.Name} drive; the template is written to a file, so give a file system path."),
                "NotAFileSystemPath", ErrorCategory.InvalidArgument, Path));
        }
        var format = Format ?? (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? TemplateFormat.Yaml
            : TemplateFormat.Json);
        var text = Render(format);
        if (NoClobber && File.Exists(path))
        {
            ThrowTerminatingError(new ErrorRecord(
                new IOException($"'{path}' already exists; remove -NoClobber to overwrite it or choose another -Path."),
                "FileExists", ErrorCategory.ResourceExists, path));
        }
        if (!ShouldProcess(path, $"Write the HTTP service template as {format}"))
        {
            return;
        }
        try
        {
            WriteAtomically(path, text);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "TemplateNotWritten", ErrorCategory.WriteError, path));
        }
        if (PassThru)
        {
            WriteObject(new FileInfo(path));
        }
    }

    private string Render(TemplateFormat format)
    {
        try
        {
            var template = HttpServiceTemplate.Build(_options.ApplyTo(new HttpServiceOptions { AmiId = AmiId }));
            return format == TemplateFormat.Yaml ? TemplateWriter.ToYaml(template) : TemplateWriter.ToJson(template);
        }
        catch (ArgumentException invalid)
        {
            ThrowTerminatingError(new ErrorRecord(invalid, "InvalidTemplateOption", ErrorCategory.InvalidArgument, AmiId));
            throw;
        }
    }

    /// <summary>Writes beside the target and renames over it, so a failure never leaves a half-written template.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' does not exist; create it first or choose another -Path.");
        }
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
