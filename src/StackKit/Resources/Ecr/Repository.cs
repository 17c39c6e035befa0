using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Ecr;

/// <summary>A private image repository in the account's ECR registry. (<c>AWS::ECR::Repository</c>)</summary>
public sealed class Repository : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::ECR::Repository";

    /// <summary>A Repository with this logical id.</summary>
    public Repository(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The repository's name; unset lets CloudFormation make a unique lower-case one from the stack's name.</summary>
    public Value<string>? RepositoryName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether a pushed tag may be pushed again with other content.</summary>
    public Value<ImageTagMutability>? ImageTagMutability { get => GetValue<ImageTagMutability>(); set => SetValue(value); }

    /// <summary>Whether ECR scans each image for known vulnerabilities when it is pushed.</summary>
    public ImageScanningConfiguration? ImageScanningConfiguration { get => GetObject<ImageScanningConfiguration>(); set => SetObject(value); }

    /// <summary>Which images ECR expires on its own.</summary>
    public LifecyclePolicy? LifecyclePolicy { get => GetObject<LifecyclePolicy>(); set => SetObject(value); }

    /// <summary>True: deleting the repository deletes its images too; false or unset: only an empty repository can be deleted.</summary>
    public Value<bool>? EmptyOnDelete { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The repository's name (its <c>Ref</c>).</summary>
    public Value<string> Name => Ref;

    /// <summary>The repository's ARN, the resource of the pull actions.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");

    /// <summary>Where images are pushed and pulled: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>.</summary>
    public Value<string> RepositoryUri => Fn.GetAtt<string>(this, "RepositoryUri");
}
