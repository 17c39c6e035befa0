namespace StackKit.HttpService;

/// <summary>
/// The template's parameter and output names, kept stable so plain aws cloudformation commands keep working
/// (<c>--parameters ParameterKey=SshKeyName,ParameterValue=…</c>).
/// </summary>
internal static class HttpServiceNames
{
    /// <summary>The AMI; empty means the latest Amazon Linux 2023.</summary>
    public const string AmiId = "AmiId";

    /// <summary>The SSM parameter the AMI comes from when <see cref="AmiId"/> is empty.</summary>
    internal const string LatestAmiId = "LatestAmiId";

    /// <summary>The EC2 key pair for SSH; empty means none.</summary>
    public const string SshKeyName = "SshKeyName";

    /// <summary>The addresses SSH is allowed from.</summary>
    public const string SshCidr = "SshCidr";

    /// <summary>The Docker image the instances run.</summary>
    public const string DockerImage = "DockerImage";

    /// <summary>The EC2 instance type.</summary>
    public const string InstanceType = "InstanceType";

    /// <summary>The output holding <c>http://</c> + the load balancer's DNS name.</summary>
    public const string UrlOutput = "URL";

    /// <summary>The user name <c>POST /add_public_key</c> accepts.</summary>
    public const string ServiceUsername = "ServiceUsername";

    /// <summary>
    /// The salted slow hash of the password <c>POST /add_public_key</c> accepts (NoEcho, <see cref="Keys.PasswordHash"/>);
    /// empty keeps the server's default.
    /// </summary>
    public const string ServicePasswordHash = "ServicePasswordHash";

    /// <summary>
    /// The plaintext password parameter of templates made before the hash: a stack that still has it carries its
    /// password in its user data (see <see cref="HttpServiceStacks"/>' update).
    /// </summary>
    public const string LegacyServicePassword = "ServicePassword";

    /// <summary>
    /// The output holding the name of the stack's SSH key table (and that table's logical id); present when the
    /// template has the fleet key store (<see cref="HttpServiceOptions.FleetKeyStore"/>).
    /// </summary>
    public const string KeyTableOutput = "KeyTable";

    /// <summary>The output giving the hours a key added without a lifetime lasts (0: never expires).</summary>
    public const string SshKeyLifetimeOutput = "SshKeyLifetimeHours";

    /// <summary>The output saying whether keys wait for an approver (<c>true</c> or <c>false</c>; absent in stacks made before it: false).</summary>
    public const string KeyApprovalOutput = "KeyApproval";

    /// <summary>The output naming the log group of the SSH key audit trail (<see cref="KeyAudit"/>).</summary>
    public const string KeyAuditLogOutput = "KeyAuditLog";

    /// <summary>
    /// The output holding the Auto Scaling group's name: a listing reads it from DescribeStacks instead of asking each
    /// stack for its resources.
    /// </summary>
    public const string AutoScalingGroupOutput = "AutoScalingGroupName";

    /// <summary>
    /// The output holding the URI of the stack's image repository (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>),
    /// and that repository's logical id; present when the template has <see cref="HttpServiceOptions.ImageRepository"/>.
    /// </summary>
    public const string ImageRepositoryUriOutput = "ImageRepositoryUri";
}
