BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

Describe 'The published module folder' {
    BeforeAll {
        $published = & (Join-Path $repo 'scripts/Publish-StackKitModule.ps1') -OutputPath (Join-Path $TestDrive 'modules')
    }

    It 'holds the manifest, assemblies, formats and help, and passes Test-ModuleManifest' {
        foreach ($file in 'StackKit.psd1', 'StackKit.PowerShell.dll', 'StackKit.dll', 'StackKit.Keys.dll', 'AWSSDK.Core.dll', 'AWSSDK.DynamoDBv2.dll', 'AWSSDK.SecurityToken.dll', 'YamlDotNet.dll', 'StackKit.Format.ps1xml', 'en-US/StackKit.PowerShell.dll-Help.xml', 'en-US/about_StackKit.help.txt', 'LICENSE') {
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
        $output[1] | Should -Be 8
        $output[2] | Should -BeLike 'Changes parameters of an HTTP service stack*'
        Get-Content -Raw $template | Should -BeExactly (Get-Content -Raw (Join-Path $repo 'templates/http-service.json'))
    }
}

Describe 'The NuGet packages' {
    BeforeAll {
        # A version no earlier run used, so NuGet's cache never hands the consumer a stale package.
        $suffix = 'test' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmssfff')
        $feed = Join-Path $TestDrive 'feed'
        # StackKit.Keys too: both packages depend on it.
        foreach ($project in 'src/StackKit.Keys', 'src/StackKit', 'src/StackKit.Server') {
            dotnet pack (Join-Path $repo $project) -c Release -o $feed --version-suffix $suffix -nologo -v quiet | Out-Host
            $LASTEXITCODE | Should -Be 0
        }
        $version = "0.1.0-$suffix"
    }

    It '<_> carries full metadata, XML docs, a readme and symbols' -ForEach 'StackKit', 'StackKit.Server' {
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
        $consumer = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'consumer')
        @"
<configuration>
  <packageSources>
    <add key="stackkit-local" value="$feed" />
  </packageSources>
</configuration>
"@ | Set-Content (Join-Path $consumer 'nuget.config')
        @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="StackKit" Version="$version" />
  </ItemGroup>
</Project>
"@ | Set-Content (Join-Path $consumer 'Consumer.csproj')
        @'
using StackKit.HttpService;
using StackKit.Templates;

var template = HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Classic });
Console.Out.Write(TemplateWriter.ToJson(template));
'@ | Set-Content (Join-Path $consumer 'Program.cs')

        $output = dotnet run --project (Join-Path $consumer 'Consumer.csproj') -nologo
        $LASTEXITCODE | Should -Be 0
        ($output -join "`n").TrimEnd() | Should -BeExactly (Get-Content -Raw (Join-Path $repo 'templates/http-service.json')).TrimEnd()
    }
}
