using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class PerfnbDeployerSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 120_000)]
    public async Task A_bundle_is_copied_once_into_a_versioned_folder_verified_and_then_reused()
    {
        var host = _lab.Hosts[0];
        var local = Directory.CreateTempSubdirectory("perfnb-bundle-test-").FullName;
        var root = Path.Combine(host.DeployRoot, "reuse-" + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            var bundle = TestBundles.Fake(local, "one");
            var deployer = new PerfnbDeployer { DeployRoot = root };
            await using var connection = await SshConnection.OpenAsync(host.Address, _lab.SshOptions);

            var first = await deployer.DeployAsync(connection, bundle);
            var second = await deployer.DeployAsync(connection, bundle);

            Assert.Equal($"{root}/0.0.0-test-{bundle.Hash[..16]}", first.Folder);
            Assert.False(first.Reused);
            Assert.True(first.BytesCopied > 0);
            Assert.True(second.Reused);
            Assert.Equal(0, second.BytesCopied);
            Assert.Equal(first.Folder, second.Folder);
            var ran = await connection.RunAsync([first.Executable, "--version"]);
            Assert.Equal("fake-perfnb one --version\n", ran.StandardOutput);
            Assert.Equal(bundle.Manifest, await File.ReadAllTextAsync(Path.Combine(first.Folder, DeployBundle.ManifestFile)));
            // Nothing but the folder is left in the root: no upload, no staging folder.
            Assert.Equal([bundle.FolderName], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [DistributedFact(Timeout = 120_000)]
    public async Task A_damaged_copy_is_replaced_and_another_build_gets_a_folder_of_its_own()
    {
        var host = _lab.Hosts[1];
        var localOne = Directory.CreateTempSubdirectory("perfnb-bundle-test-").FullName;
        var localTwo = Directory.CreateTempSubdirectory("perfnb-bundle-test-").FullName;
        var root = Path.Combine(host.DeployRoot, "damaged-" + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            var one = TestBundles.Fake(localOne, "one");
            var two = TestBundles.Fake(localTwo, "two");
            var deployer = new PerfnbDeployer { DeployRoot = root };
            await using var connection = await SshConnection.OpenAsync(host.Address, _lab.SshOptions);
            var deployed = await deployer.DeployAsync(connection, one);

            await File.AppendAllTextAsync(Path.Combine(deployed.Folder, "python", "app.py"), "# changed on the host\n");
            var again = await deployer.DeployAsync(connection, one);
            var other = await deployer.DeployAsync(connection, two);

            Assert.False(again.Reused);
            Assert.Equal("print('hello')\n", await File.ReadAllTextAsync(Path.Combine(again.Folder, "python", "app.py")));
            Assert.NotEqual(one.Hash, two.Hash);
            Assert.NotEqual(again.Folder, other.Folder);
            Assert.Equal(2, Directory.GetDirectories(root).Length);
        }
        finally
        {
            Directory.Delete(localOne, recursive: true);
            Directory.Delete(localTwo, recursive: true);
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
