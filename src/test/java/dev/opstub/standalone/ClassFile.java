package dev.opstub.standalone;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a linkage check needs from a class file (JVMS chapter 4): its name, what it extends and
 * implements, the fields and methods it declares, and the classes and members it refers to.
 */
record ClassFile(String name, String superName, List<String> interfaces, Set<String> members,
    Set<String> classRefs, List<MemberRef> memberRefs) {

  /** A field or method another class is asked for: {@code owner.name descriptor}. */
  record MemberRef(String owner, String name, String descriptor) {
    @Override
    public String toString() {
      return owner + "." + name + descriptor;
    }
  }

  static ClassFile parse(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readInt(); // magic
      in.readInt(); // minor, major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      List<int[]> refs = new ArrayList<>(); // {class index, name-and-type index}
      int[][] nameAndTypes = new int[count][];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 9, 10, 11 -> refs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
          case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> in.skipBytes(3);
          case 3, 4, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // takes two entries
          }
          default -> throw new IllegalArgumentException("constant pool tag " + tag);
        }
      }
      Set<String> classRefs = new LinkedHashSet<>();
      for (int index : classNames) {
        if (index != 0) {
          String element = elementClass(utf8[index]);
          if (element != null) {
            classRefs.add(element);
          }
        }
      }
      List<MemberRef> memberRefs = new ArrayList<>();
      for (int[] ref : refs) {
        int[] nameAndType = nameAndTypes[ref[1]];
        memberRefs.add(new MemberRef(utf8[classNames[ref[0]]], utf8[nameAndType[0]], utf8[nameAndType[1]]));
      }
      in.readUnsignedShort(); // access flags
      String name = utf8[classNames[in.readUnsignedShort()]];
      int superIndex = in.readUnsignedShort();
      String superName = superIndex == 0 ? null : utf8[classNames[superIndex]];
      List<String> interfaces = new ArrayList<>();
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        interfaces.add(utf8[classNames[in.readUnsignedShort()]]);
      }
      Set<String> members = new LinkedHashSet<>();
      for (int kind = 0; kind < 2; kind++) { // fields, then methods
        for (int n = in.readUnsignedShort(); n > 0; n--) {
          in.readUnsignedShort();
          members.add(utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()]);
          for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
          }
        }
      }
      return new ClassFile(name, superName, interfaces, members, classRefs, memberRefs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code a/B} for {@code a/B} and {@code [[La/B;}; null for an array of primitives. */
  private static String elementClass(String name) {
    if (!name.startsWith("[")) {
      return name;
    }
    String element = name.replaceFirst("^\\[+", "");
    return element.startsWith("L") ? element.substring(1, element.length() - 1) : null;
  }
}
