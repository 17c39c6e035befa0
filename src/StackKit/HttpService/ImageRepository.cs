using System.Globalization;
using StackKit.Resources.Ecr;
using StackKit.Resources.Iam;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.HttpService;

/// <summary>
/// Private images: the stack's own ECR repository (<see cref="HttpServiceOptions.ImageRepository"/>) and the one policy
/// the instance role gets to pull from it and from the repositories <see cref="HttpServiceOptions.PullRepositoryArns"/>
/// grants, and from nothing else.
/// </summary>
internal static class ImageRepository
{
    /// <summary>The repository's logical id.</summary>
    public const string LogicalId = "ImageRepository";

    /// <summary>The parameter holding how many tagged images the lifecycle rule keeps.</summary>
    public const string RetentionParameter = "ImageRetentionCount";

    /// <summary>
    /// The images kept by default: about three months of daily deploys, or the last few days of a CI that pushes every
    /// commit, so a roll-back finds its image; AOT images share their base layers, so 100 of them cost cents a month.
    /// </summary>
    public const int DefaultRetention = 100;

    /// <summary>What Docker's pull calls on a repository (AWS's AmazonEC2ContainerRegistryPullOnly, without the pull-through cache's import).</summary>
    public static readonly IReadOnlyList<string> PullActions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];

    /// <summary>
    /// The registry login. The Service Authorization Reference lists no resource type for it, so IAM needs "*"; the
    /// token it gives opens only what the pull actions allow.
    /// </summary>
    public const string TokenAction = "ecr:GetAuthorizationToken";

    /// <summary>Adds the repository when the options ask for it, with its output, and the role's pull policy.</summary>
    public static void Add(Template template, KeyStore keyStore, HttpServiceOptions options)
    {
        var repository = options.ImageRepository ? AddRepository(template) : null;
        Value<string>[] pullable = [.. repository is null ? [] : new[] { repository.Arn }, .. options.PullRepositoryArns.Select(arn => (Value<string>)arn)];
        keyStore.Role.Policies =
        [
            .. keyStore.Role.Policies ?? [],
            new Policy
            {
                PolicyName = "ImagePull",
                PolicyDocument = new PolicyDocument
                {
                    Version = PolicyDocument.CurrentVersion,
                    Statement =
                    [
                        new PolicyStatement { Effect = Effect.Allow, Action = new Value<string>[] { TokenAction }, Resource = new Value<string>[] { "*" } },
                        new PolicyStatement { Effect = Effect.Allow, Action = PullActions.Select(action => (Value<string>)action).ToArray(), Resource = pullable },
                    ],
                },
            },
        ];
    }

    /// <summary>A copy of <paramref name="options"/> with the stack's own repository, which a first image is pushed to.</summary>
    public static HttpServiceOptions Owned(HttpServiceOptions options)
    {
        var owned = options.AsBuilt();
        owned.ImageRepository = true;
        return owned;
    }

    /// <summary>
    /// The first step of a create that builds its first image (<see cref="HttpServiceStackRequest.BuildImage"/>): the
    /// repository alone, under the logical id the full template gives it, so the update to the full template keeps it.
    /// The metadata names the options the full template is built with, <paramref name="options"/>.
    /// </summary>
    public static Template Alone(HttpServiceOptions options)
    {
        var template = new Template
        {
            Description = "StackKit HTTP service, first step: the stack's own image repository alone, which receives the first image before any server boots.",
        };
        OptionsMetadata.Write(template, options);
        AddRepository(template);
        return template;
    }

    private static Repository AddRepository(Template template)
    {
        var retention = template.Add(new Parameter(RetentionParameter, ParameterTypes.Number)
        {
            Description = "How many tagged images the stack's image repository keeps; ECR expires the oldest beyond that (keep the one the stack runs among them).",
            Default = DefaultRetention.ToString(CultureInfo.InvariantCulture),
            MinValue = 1,
            MaxValue = 10000,
            ConstraintDescription = "1 to 10000 images",
        });
        // Tagged images only: a multi-platform image's per-platform manifests are untagged, and expiring them would
        // break the index that names them. countNumber must be a JSON number, hence the unquoted parameter.
        var policy = "{\"rules\": [{\"rulePriority\": 1, \"description\": \"Keep the newest ${" + retention.LogicalId + "} tagged images.\", " +
                     "\"selection\": {\"tagStatus\": \"tagged\", \"tagPatternList\": [\"*\"], \"countType\": \"imageCountMoreThan\", \"countNumber\": ${" + retention.LogicalId + "}}, " +
                     "\"action\": {\"type\": \"expire\"}}]}";
        var repository = template.Add(new Repository(LogicalId)
        {
            // ECR takes lower-case names only, and a stack's name may have capitals: the stack id's UUID names it, so a
            // new stack of the same name never meets a repository an earlier one left (its Name tag says whose it is).
            RepositoryName = Fn.Sub("stackkit/${StackUuid}", [new("StackUuid", Fn.Select(2, new ValueList<string>(new Intrinsic("Fn::Split", new ListExpression([Literal.Of("/"), Pseudo.StackId.Expression])))))]),
            // A pushed tag always names the same image: a roll-back or a new server gets exactly what was deployed.
            ImageTagMutability = ImageTagMutability.Immutable,
            ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
            LifecyclePolicy = new LifecyclePolicy { LifecyclePolicyText = Fn.Sub(policy) },
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        // Unlike the keys and the logs, the images outlive the stack: they are builds that may exist nowhere else, and
        // another stack may run them. Deleting the stack, dropping the option or a replacement leaves the repository
        // and its images (Remove-HttpServiceStack says so); ECR bills their storage until it is deleted.
        repository.DeletionPolicy = DeletionPolicy.Retain;
        repository.UpdateReplacePolicy = DeletionPolicy.Retain;
        template.Add(new Output(HttpServiceNames.ImageRepositoryUriOutput, repository.RepositoryUri)
        {
            Description = "The stack's private image repository: push images here (Publish-HttpServiceImage) and deploy them by this name and a tag. It outlives the stack.",
        });
        return repository;
    }
}
