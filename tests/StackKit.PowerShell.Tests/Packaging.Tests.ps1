BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

Describe 'The published module folder' {
    BeforeAll {
        $published = & (Join-Path $repo 'scripts/Publish-StackKitModule.ps1') -OutputPath (Join-Path $TestDrive 'modules')
    }

    It 'holds the manifest, assemblies, formats and help, and passes Test-ModuleManifest' {
        foreach ($file in 'StackKit.psd1', 'StackKit.PowerShell.dll', 'StackKit.dll', 'StackKit.Keys.dll', 'AWSSDK.Core.dll', 'AWSSDK.DynamoDBv2.dll', 'AWSSDK.SecurityToken.dll', 'YamlDotNet.dll', 'StackKit.Format.ps1xml', 'en-US/StackKit.PowerShell.dll-Help.xml', 'LICENSE') {
            Join-Path $published.FullName $file | Should -Exist
        }
        Join-Path $published.FullName 'System.Management.Automation.dll' | Should -Not -Exist
        (Test-ModuleManifest (Join-Path $published.FullName 'StackKit.psd1')).RootModule | Should -Be 'StackKit.PowerShell.dll'
    }

    It 'references no .NET assembly newer than .NET 8 has, so PowerShell 7.4 LTS can load it' {
        $framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
        $tooNew = foreach ($dll in Get-ChildItem (Join-Path $published.FullName '*.dll')) {
            foreach ($reference in [System.Reflection.Assembly]::LoadFile($dll.FullName).GetReferencedAssemblies()) {
                $inFramework = Test-Path (Join-Path $framework "$($reference.Name).dll")
                $shippedHere = Test-Path (Join-Path $published.FullName "$($reference.Name).dll")
                if ($inFramework -and $shippedHere -and $reference.Version.Major -gt 8) { "$($dll.Name) -> $($reference.Name) $($reference.Version)" }
            }
        }
        $tooNew | Should -BeNullOrEmpty
    }

    It 'imports from a folder outside the repository, with help and a working cmdlet' {
        $template = Join-Path $TestDrive 'from-published.json'
        $output = Invoke-ChildPwsh @"
Set-Location '$TestDrive'
`$env:PSModulePath = '$(Split-Path $published.FullName)' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module StackKit
(Get-Module StackKit).ModuleBase
(Get-Command -Module StackKit).Count
(Get-Help Update-HttpServiceStack).Synopsis
Export-HttpServiceTemplate -Path '$template'
"@
        $output[0] | Should -Be $published.FullName
        $output[1] | Should -Be (Import-PowerShellDataFile (Join-Path $repo 'StackKit.psd1')).CmdletsToExport.Count
        $output[2] | Should -BeLike 'Changes parameters of an HTTP service stack*'
        Get-Content -Raw $template | Should -BeExactly (Get-Content -Raw (Join-Path $repo 'templates/http-service.json'))
    }
}

Describe 'The NuGet packages' {
    BeforeAll {
        # A version no earlier run used, so no feed or cache can answer for a package this run did not pack.
        $suffix = 'test' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmssfff')
        $feed = Join-Path $TestDrive 'feed'
        # Exactly what the release workflow publishes: it calls the same script.
        # No vulnerability audit here: the suite's loopback-only proxy keeps NuGet from fetching audit data, and the
        # build before the tests audited these very projects.
        $packages = & (Join-Path $repo 'scripts/Pack-StackKitPackages.ps1') -OutputPath $feed -VersionSuffix $suffix -NoAudit
        $version = "0.1.0-$suffix"
        # An empty packages folder of the consumers' own, so a package cached by an earlier build cannot stand in
        # for one the release does not publish.
        $consumerPackages = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'nuget-packages')
        # The public feed: the machine's remote NuGet sources (nuget.org here), never a local folder that might hold
        # a StackKit package from elsewhere.
        $publicFeeds = @(dotnet nuget list source --format Short | ForEach-Object { if ("$_" -match '^\s*E\s+(https?://\S+)') { $Matches[1] } })

        # A console project outside the solution that takes StackKit from the packed folder and the public feed alone,
        # warnings as errors.
        function New-ConsumerProject([string] $Name) {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name)
            $sources = @("<add key=`"stackkit-release`" value=`"$feed`" />") + @($publicFeeds | ForEach-Object { "<add key=`"public-$([array]::IndexOf($publicFeeds, $_))`" value=`"$_`" />" })
            "<configuration><packageSources><clear />$($sources -join '')</packageSources></configuration>" | Set-Content (Join-Path $folder 'nuget.config')
            @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="StackKit" Version="$version" />
  </ItemGroup>
</Project>
"@ | Set-Content (Join-Path $folder 'Consumer.csproj')
            $folder
        }

        # Restores and builds a consumer with its own packages folder. The restore alone reaches the public feed (the
        # suite's loopback-only proxy is lifted for it); the program then runs with the proxy in place.
        function Build-ConsumerProject([string] $Folder) {
            $saved = @{}
            # Both spellings of the proxy variables: NuGet, like every .NET child, prefers the lower-case ones.
            $proxyVariables = 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'
            foreach ($name in $proxyVariables + 'NUGET_PACKAGES') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
            try {
                foreach ($name in $proxyVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
                $env:NUGET_PACKAGES = $consumerPackages.FullName
                $restore = dotnet restore (Join-Path $Folder 'Consumer.csproj') -nologo -p:NuGetAudit=false 2>&1
                if ($LASTEXITCODE -ne 0) { throw "The consumer did not restore:`n$($restore -join "`n")" }
                $build = dotnet build (Join-Path $Folder 'Consumer.csproj') --no-restore -nologo 2>&1
                if ($LASTEXITCODE -ne 0) { throw "The consumer did not build:`n$($build -join "`n")" }
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }
    }

    It 'publishes every StackKit package a published package depends on' {
        $published = @($packages | ForEach-Object { $_.Name -replace "\.$([regex]::Escape($version))\.nupkg$", '' })
        $published | Should -Contain 'StackKit'
        $published | Should -Contain 'StackKit.Server'
        $unpublished = foreach ($package in $packages) {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
            try { $nuspec = [xml]([System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -Like '*.nuspec').Open()).ReadToEnd()) }
            finally { $zip.Dispose() }
            foreach ($dependency in $nuspec.package.metadata.dependencies.group.dependency) {
                if ($dependency.id -like 'StackKit*' -and $dependency.id -notin $published) { "$($package.Name) -> $($dependency.id)" }
            }
        }
        $unpublished | Should -BeNullOrEmpty
    }

    It '<_> carries full metadata, XML docs, a readme and symbols' -ForEach 'StackKit', 'StackKit.Server', 'StackKit.Keys' {
        $package = Join-Path $feed "$_.$version.nupkg"
        $package | Should -Exist
        Join-Path $feed "$_.$version.snupkg" | Should -Exist
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
        try {
            $entries = $zip.Entries.FullName
            $nuspec = [xml]([System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -Like '*.nuspec').Open()).ReadToEnd())
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be $_
        $metadata.description | Should -Not -BeNullOrEmpty
        $metadata.license.'#text' | Should -Be 'MIT'
        $metadata.readme | Should -Be 'README.md'
        $metadata.repository.url | Should -Not -BeNullOrEmpty
        $metadata.tags | Should -Not -BeNullOrEmpty
        $entries | Should -Contain 'README.md'
        @($entries | Where-Object { $_ -like 'lib/*/*.xml' }).Count | Should -BeGreaterThan 0
    }

    It 'a project outside the solution references StackKit by package and generates the template' {
        $consumer = New-ConsumerProject 'consumer'
        @'
using StackKit;
using StackKit.HttpService;
using StackKit.Templates;

var template = HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Classic });
Console.Out.Write(TemplateWriter.ToJson(template));
'@ | Set-Content (Join-Path $consumer 'Program.cs')

        Build-ConsumerProject $consumer
        Get-ChildItem $consumerPackages -Directory -Filter 'stackkit*' | ForEach-Object Name | Sort-Object | Should -Be 'stackkit', 'stackkit.keys'
        $output = dotnet run --project (Join-Path $consumer 'Consumer.csproj') --no-build -nologo
        $LASTEXITCODE | Should -Be 0
        ($output -join "`n").TrimEnd() | Should -BeExactly (Get-Content -Raw (Join-Path $repo 'templates/http-service.json')).TrimEnd()
    }

    Context 'the program of issue 11, with using StackKit; alone' {
        BeforeAll {
            Import-Module (Join-Path $repo 'scripts/LocalServices.psm1') -Force
            $moto = Start-MotoServer
            $saved = @{}
            foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EC2_METADATA_DISABLED', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy') {
                $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            }
            Set-MotoEnvironment
            # The program's image lives on registry.example.com: the check must find it unreachable, never ask it.
            Set-LoopbackOnlyNetwork
            # The program's key pair, in the program's region.
            aws ec2 create-key-pair --key-name my-key --region us-west-2 --endpoint-url $moto.Endpoint | Out-Null
            $LASTEXITCODE | Should -Be 0

            $consumer = New-ConsumerProject 'issue-11'
            Copy-Item (Join-Path $PSScriptRoot 'Consumer/*.cs') $consumer
            Build-ConsumerProject $consumer
            $output = dotnet run --project (Join-Path $consumer 'Consumer.csproj') --no-build -- $moto.Endpoint 2>&1
            $exitCode = $LASTEXITCODE
        }
        AfterAll {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Stop-MotoServer $moto
        }

        It 'compiles and runs against moto and against a fake IHttpServiceStacks' {
            $exitCode | Should -Be 0 -Because ($output -join "`n")
        }

        It '<_> creates with capacity, updates keeping the rest, previews, reads logs, lists, deletes, and refuses a bad value by name' -ForEach 'moto', 'fake' {
            $target = $_
            $lines = @($output | Where-Object { "$_".StartsWith("${target}: ") } | ForEach-Object { "$_".Substring($target.Length + 2) })
            $region = if ($target -eq 'moto') { 'us-west-2' } else { 'eu-west-1' }
            $lines | Should -Contain "created web (CREATE_COMPLETE) ok=True url=http region=$region image=registry.example.com/web:1 type=t3.small min=1"
            $lines | Should -Contain 'updated True image=registry.example.com/web:2 type=t3.small'
            $lines | Should -Contain 'previewed DockerImage registry.example.com/web:2 -> registry.example.com/web:3 rolling=True'
            # moto's stack has the service's log group, with nothing written to it; the fake has one line.
            $lines | Should -Contain $(if ($target -eq 'moto') { 'logs 0' } else { 'logs 1 [i-1: GET / 200]' })
            $lines | Should -Contain 'listed web (UPDATE_COMPLETE)'
            # moto refuses DeleteStack of a stack with a VPC; the fake deletes it.
            $lines | Should -Contain $(if ($target -eq 'moto') { 'delete refused by the endpoint: DependencyViolation' } else { 'deleted True' })
            $lines | Should -Contain "not found is StackKitException=True name=nope region=$region"
            $lines | Should -Contain 'bad value names SshCidr'
        }

        It 'reports progress in order, each with resources done of total, the last with all of them' {
            $line = @($output | Where-Object { "$_".StartsWith('moto: progress ') })
            $line | Should -HaveCount 1
            $line[0] -match '^moto: progress in order=True reports=(\d+) last=(\d+)/(\d+) CREATE_COMPLETE$' | Should -BeTrue -Because $line[0]
            # moto completes a stack at once, with few events: the last one still counts every resource done.
            [int]$Matches[1] | Should -BeGreaterThan 1
            $Matches[2] | Should -Be $Matches[3]
        }

        It 'warns that the image registry could not be reached, rather than failing' {
            $output | Should -Contain 'moto: warning DockerImage'
        }
    }
}
