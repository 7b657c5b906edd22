import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerFactory;
import org.w3c.dom.Document;

class XxeCases {
    Document unhardened(InputStream in) throws Exception {
        // ruleid: java/xxe
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(in);
    }

    Document hardened(InputStream in) throws Exception {
        // ok: java/xxe -- DOCTYPEs disallowed
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(in);
    }

    Document chained(InputStream in) throws Exception {
        // ruleid: java/xxe
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }

    SAXParser sax() throws Exception {
        // ruleid: java/xxe
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setNamespaceAware(true);
        return spf.newSAXParser();
    }

    XMLStreamReader stax(InputStream in) throws Exception {
        // ok: java/xxe -- DTD support switched off
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return xif.createXMLStreamReader(in);
    }

    XMLStreamReader staxDefault(InputStream in) throws Exception {
        // ruleid: java/xxe
        XMLInputFactory xif = XMLInputFactory.newFactory();
        return xif.createXMLStreamReader(in);
    }

    TransformerFactory configuredElsewhere() {
        // ok: java/xxe -- returned to the caller, who may harden it
        TransformerFactory tf = TransformerFactory.newInstance();
        return tf;
    }

    void passedOn(InputStream in) throws Exception {
        // ok: java/xxe -- handed to a helper that hardens it
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        harden(f);
        f.newDocumentBuilder().parse(in);
    }

    void notUsed() {
        // ok: java/xxe -- never turned into a parser here
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    }

    static void harden(DocumentBuilderFactory f) throws Exception {
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    }
}
