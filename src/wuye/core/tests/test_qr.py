import io

from reportlab.lib.utils import ImageReader

from wuye.core.qr import qr_data_uri, qr_png, qr_svg

PASS_URL = "https://wuye.example/portal/passes/7"


def test_the_svg_is_markup_a_template_shows_as_is_with_its_spoken_name():
    svg = qr_svg(PASS_URL, title="Visitor pass 7")

    assert svg.startswith("<svg") and hasattr(svg, "__html__")
    assert "<title>Visitor pass 7</title>" in svg


def test_the_png_is_an_image_a_pdf_can_place():
    png = qr_png(PASS_URL, scale=4)

    width, height = ImageReader(io.BytesIO(png)).getSize()
    assert png.startswith(b"\x89PNG") and width == height > 0


def test_a_larger_scale_draws_a_larger_code_of_the_same_data():
    small = ImageReader(io.BytesIO(qr_png(PASS_URL, scale=2))).getSize()[0]
    large = ImageReader(io.BytesIO(qr_png(PASS_URL, scale=4))).getSize()[0]

    assert large == 2 * small


def test_the_data_uri_embeds_the_png():
    assert qr_data_uri(PASS_URL).startswith("data:image/png;base64,")
