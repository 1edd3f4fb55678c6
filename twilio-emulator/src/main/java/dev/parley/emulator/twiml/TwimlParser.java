package dev.parley.emulator.twiml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SIMULATION ONLY: parses the TwiML subset Parley uses into {@link TwimlVerb}s.
 *
 * <p>Documents are size-checked before parsing, and DOCTYPEs are refused (no external entities).
 */
public final class TwimlParser {

  /** Largest document accepted; Twilio's own limit is 64 KB (error 12001 beyond it). */
  public static final int MAX_DOCUMENT_CHARS = 64 * 1024;

  private TwimlParser() {}

  /** The verbs of {@code xml}'s {@code <Response>}, in order. */
  public static List<TwimlVerb> parse(String xml) throws TwimlException {
    if (xml == null || xml.isBlank()) {
      throw new TwimlException("empty TwiML document");
    }
    if (xml.length() > MAX_DOCUMENT_CHARS) {
      throw new TwimlException(
          "TwiML document is " + xml.length() + " chars, over " + MAX_DOCUMENT_CHARS);
    }
    Element root = parseXml(xml).getDocumentElement();
    if (!"Response".equals(root.getTagName())) {
      throw new TwimlException("root element is <" + root.getTagName() + ">, not <Response>");
    }
    List<TwimlVerb> verbs = new ArrayList<>();
    for (Element verb : children(root)) {
      verbs.add(verb(verb));
    }
    return verbs;
  }

  private static TwimlVerb verb(Element e) throws TwimlException {
    switch (e.getTagName()) {
      case "Say":
        return new TwimlVerb.Say(e.getTextContent().trim());
      case "Pause":
        String length = e.getAttribute("length");
        try {
          int seconds = length.isEmpty() ? 1 : Integer.parseInt(length.trim());
          if (seconds < 0 || seconds > 600) {
            throw new TwimlException("<Pause length> out of range: " + seconds);
          }
          return new TwimlVerb.Pause(seconds);
        } catch (NumberFormatException ex) {
          throw new TwimlException("<Pause length> is not a number: " + length);
        }
      case "Hangup":
        return new TwimlVerb.Hangup();
      case "Connect":
        return connect(e);
      case "Reject":
        String reason = e.getAttribute("reason").trim();
        if (!reason.isEmpty() && !reason.equals("rejected") && !reason.equals("busy")) {
          throw new TwimlException(
              "<Reject reason> must be rejected or busy, got '" + reason + "'");
        }
        return new TwimlVerb.Reject(reason.equals("busy"));
      default:
        return new TwimlVerb.Unsupported(e.getTagName());
    }
  }

  private static TwimlVerb connect(Element connect) throws TwimlException {
    List<Element> nouns = children(connect);
    if (nouns.size() != 1 || !"Stream".equals(nouns.get(0).getTagName())) {
      return new TwimlVerb.Unsupported("Connect");
    }
    Element stream = nouns.get(0);
    String url = stream.getAttribute("url").trim();
    if (!url.startsWith("wss://") && !url.startsWith("ws://")) {
      throw new TwimlException("<Stream url> must be ws:// or wss://, got '" + url + "'");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Element p : children(stream)) {
      if ("Parameter".equals(p.getTagName())) {
        parameters.put(p.getAttribute("name"), p.getAttribute("value"));
      }
    }
    return new TwimlVerb.ConnectStream(url, parameters);
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el) {
        out.add(el);
      }
    }
    return out;
  }

  private static Document parseXml(String xml) throws TwimlException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      return b.parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new TwimlException("TwiML is not well-formed XML: " + e.getMessage(), e);
    }
  }
}
