package dev.opstub.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTest {

  @Test
  void escapesMarkupAndTheWhitespaceAParserWouldNormalise() {
    assertThat(Xml.escape("a&b <c> \"d\" 'e'\t\r\n")).isEqualTo("a&amp;b &lt;c&gt; &quot;d&quot; 'e'&#x9;&#xD;&#xA;");
  }

  @Test
  void writesU_FFFDForWhatXmlCannotCarry() {
    assertThat(Xml.escape("a\u0000b\u0001\u001f\ufffe\uffff\ud800c")).isEqualTo("a\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffdc");
  }

  @Test
  void keepsEverythingElseAsItIs() {
    String text = "Operations('nb%3Aopid') \u0085\u007f\u00e9\u4eba\u2028\ud83d\ude00 ]]";
    assertThat(Xml.escape(text)).isSameAs(text);
  }
}
