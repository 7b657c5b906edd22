import com.amazonaws.services.ec2.AmazonEC2;
import com.amazonaws.services.ec2.model.DescribeImagesRequest;
import com.amazonaws.services.ec2.model.DescribeImagesResult;
import com.amazonaws.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;

class Images {
    private final Ec2Client ec2 = Ec2Client.create();

    DescribeImagesResponse byNameV2(String name) {
        // ruleid: java/aws-untrusted-ami-lookup
        return ec2.describeImages(r -> r.filters(f -> f.name("name").values(name)));
    }

    DescribeImagesResult byNameV1(AmazonEC2 v1, String name) {
        DescribeImagesRequest req = new DescribeImagesRequest().withFilters(new Filter("name").withValues(name));
        // ruleid: java/aws-untrusted-ami-lookup
        return v1.describeImages(req);
    }

    DescribeImagesResponse ownedV2(String name) {
        // ok: java/aws-untrusted-ami-lookup -- restricted to an owner
        return ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("name").values(name)));
    }

    DescribeImagesResult ownedV1(AmazonEC2 v1, String name) {
        DescribeImagesRequest req = new DescribeImagesRequest()
            .withFilters(new Filter("name").withValues(name), new Filter("owner-id").withValues("123456789012"));
        // ok: java/aws-untrusted-ami-lookup -- owner-id filter
        return v1.describeImages(req);
    }

    DescribeImagesResponse byId(String imageId) {
        // ok: java/aws-untrusted-ami-lookup -- an explicit image id
        return ec2.describeImages(r -> r.imageIds(imageId));
    }
}
